/**
 * `-o yaml` as sigs.k8s.io/yaml prints it: the object goes through JSON, then go-yaml v2 emits
 * it with map keys sorted, block sequences at the same indent as their key, YAML 1.1 quoting
 * (so "2026-11-28T09:04:10Z", "true", "123", "" and "y" are quoted) and `|`/`|-` literal blocks
 * for strings with newlines.
 */
import { stringify } from "yaml";

export function toYaml(value: unknown): string {
  return stringify(value, {
    version: "1.1",
    sortMapEntries: true,
    indentSeq: false,
    lineWidth: 0,
    minContentWidth: 0,
    defaultStringType: "PLAIN",
    defaultKeyType: "PLAIN",
    nullStr: "null",
    aliasDuplicateObjects: false,
    singleQuote: false,
  });
}
