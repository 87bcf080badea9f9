/** Just enough resource.Quantity for describe node: parse "250m", "2", "70Mi", "1928540Ki" and print sums. */
const BIN: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
const DEC: Record<string, number> = { k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** Value in milli-units (cpu) or bytes*1000 (memory) so both compare as integers. */
export function milli(q: string): number {
  const m = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(q);
  if (!m) return 0;
  const n = Number(m[1]);
  const u = m[2];
  if (u === "m") return n;
  if (u && BIN[u]) return n * BIN[u] * 1000;
  if (u && DEC[u]) return n * DEC[u] * 1000;
  return n * 1000;
}

/** Formats a sum back the way Quantity.String does for our inputs (m for cpu, Mi/Ki for memory). */
export function formatQuantity(milliValue: number, kind: "cpu" | "memory"): string {
  if (milliValue === 0) return "0";
  if (kind === "cpu") return milliValue % 1000 === 0 ? String(milliValue / 1000) : `${milliValue}m`;
  const bytes = milliValue / 1000;
  for (const [u, f] of [
    ["Gi", BIN.Gi],
    ["Mi", BIN.Mi],
    ["Ki", BIN.Ki],
  ] as const)
    if (bytes % f === 0) return `${bytes / f}${u}`;
  return String(bytes);
}
