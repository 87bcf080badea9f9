/**
 * The v1.32 OpenAPI v3 schemas that `kubectl explain` reads, as scripts/gen-openapi.mjs derives
 * them at install time from @kubernetes/client-node and cdk8s-plus-32 into lib/generated/openapi
 * (git-ignored, like the Prisma client). Read lazily, one group/version file at a time, and kept
 * for the life of the process. Absent files (npm ci --omit=dev) mean the docs are not installed.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface Schema {
  description?: string;
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  $ref?: string;
  externalDocs?: { description?: string; url?: string };
  "x-kubernetes-group-version-kind"?: { group: string; version: string; kind: string }[];
}

export type Schemas = Record<string, Schema>;

export const SCHEMA_REF = "#/components/schemas/";

function dataDir(): string | undefined {
  const candidates = [fileURLToPath(new URL("../../generated/openapi/", import.meta.url)), join(process.cwd(), "lib/generated/openapi")];
  return candidates.find((d) => existsSync(join(d, "index.json")));
}

const cache = new Map<string, Schemas | null>();

/** The schemas of group/version ("" group for core), or null when the docs are not installed or the group/version has none. */
export function groupVersionSchemas(group: string, version: string): Schemas | null {
  const key = group ? `apis/${group}/${version}` : `api/${version}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const dir = dataDir();
  const file = dir && join(dir, `${key.replaceAll("/", "__")}.json`);
  const schemas =
    file && existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { components: { schemas: Schemas } }).components.schemas : null;
  // a missing install is not cached: `npm run openapi:generate` fixes it without a restart
  if (schemas) cache.set(key, schemas);
  return schemas;
}

/** The definition of a kind in its group/version's schemas, by x-kubernetes-group-version-kind. */
export function kindDefinition(schemas: Schemas, group: string, version: string, kind: string): string | undefined {
  return Object.keys(schemas).find((name) =>
    schemas[name]["x-kubernetes-group-version-kind"]?.some((g) => g.group === group && g.version === version && g.kind === kind),
  );
}

/** The named definitions and every definition they reference, sorted by name. */
export function closure(schemas: Schemas, roots: string[]): Schemas {
  const seen = new Set<string>();
  const walk = (name: string) => {
    if (seen.has(name) || !schemas[name]) return;
    seen.add(name);
    for (const m of JSON.stringify(schemas[name]).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) walk(m[1]);
  };
  roots.forEach(walk);
  return Object.fromEntries([...seen].sort().map((n) => [n, schemas[n]]));
}
