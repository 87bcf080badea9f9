export const pct = (v: number | null, digits = 0) => (v === null ? "—" : `${(v * 100).toFixed(digits)} %`);
export const int = (v: number) => v.toLocaleString("en-US");
export const seconds = (ms: number | null) =>
  ms === null ? "—" : ms < 60_000 ? `${(ms / 1000).toFixed(0)} s` : `${(ms / 60_000).toFixed(1)} min`;
export const dec = (v: number | null, digits = 2) => (v === null ? "—" : v.toFixed(digits));
export const dateTime = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ") + " UTC";
export const date = (d: Date) => d.toISOString().slice(0, 10);
