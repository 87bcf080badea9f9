/**
 * `-o yaml` as sigs.k8s.io/yaml prints it: the object goes through JSON, then go-yaml v2 emits
 * it with map keys sorted, block sequences at the same indent as their key, YAML 1.1 quoting
 * (so "2026-11-28T09:04:10Z", "true", "123", "" and "y" are double-quoted) and `|`/`|-` literal
 * blocks for strings with newlines. A string that is a string to YAML but cannot be written plain
 * (it starts with an indicator such as `*`, `"` or `@`, or holds ": " or " #") is single-quoted, as
 * go-yaml's emitter does (emitterc.go yaml_emitter_analyze_scalar, then select_scalar_style).
 */
import { Scalar, stringify } from "yaml";

// go-yaml's block-plain test, as the yaml package spells it for its own plain scalars
const PLAIN_IMPOSSIBLE = /^[\t ,[\]{}#&*!|>'"%@`]|^[?:-]$|^[?:-][ \t]|:[ \t]|[ \t]#|[\t :]$/;

function singleQuoted(v: unknown): unknown {
  if (typeof v === "string") {
    if (!v || v.includes("\n") || !PLAIN_IMPOSSIBLE.test(v)) return v;
    const s = new Scalar(v);
    s.type = "QUOTE_SINGLE";
    return s;
  }
  if (Array.isArray(v)) return v.map(singleQuoted);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = singleQuoted(x);
    return out;
  }
  return v;
}

export function toYaml(value: unknown): string {
  return stringify(singleQuoted(value), {
    version: "1.1",
    sortMapEntries: true,
    indentSeq: false,
    lineWidth: 0,
    minContentWidth: 0,
    defaultStringType: "PLAIN",
    defaultKeyType: "PLAIN",
    nullStr: "null",
    aliasDuplicateObjects: false,
    // null: explicit QUOTE_SINGLE scalars stay single-quoted; YAML-1.1-ambiguous strings are double-quoted
    singleQuote: null,
  });
}
