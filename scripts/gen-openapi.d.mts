/** Types of scripts/gen-openapi.mjs for its test. */
export interface GeneratedSchema {
  description?: string;
  type?: string;
  format?: string;
  properties?: Record<string, GeneratedSchema>;
  items?: GeneratedSchema;
  additionalProperties?: GeneratedSchema;
  allOf?: GeneratedSchema[];
  oneOf?: GeneratedSchema[];
  required?: string[];
  $ref?: string;
  default?: unknown;
  "x-kubernetes-group-version-kind"?: { group: string; version: string; kind: string }[];
}
export function generate(): {
  docs: Record<string, { components: { schemas: Record<string, GeneratedSchema> } }>;
  definitions: number;
  skipped: number;
};
export const OUT: string;
export function fileOf(gv: string): string;
