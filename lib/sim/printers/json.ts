/**
 * `-o json`: Go's json.MarshalIndent(obj, "", "    ") over kubectl's unstructured maps, so keys
 * are sorted and <, >, & are escaped as \u003c, \u003e, \u0026.
 */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

export function goJson(v: unknown, indent?: string): string {
  const s = indent === undefined ? JSON.stringify(sortKeys(v)) : JSON.stringify(sortKeys(v), null, indent);
  return s.replace(/[<>&\u2028\u2029]/g, (ch) => "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0"));
}

export function toJson(v: unknown): string {
  return goJson(v, "    ") + "\n";
}

/** The List wrapper kubectl prints for several objects. */
export function listOf(items: unknown[]): Record<string, unknown> {
  return { apiVersion: "v1", items, kind: "List", metadata: { resourceVersion: "" } };
}
