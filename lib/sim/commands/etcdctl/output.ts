/**
 * etcdctl's texts (etcd v3.5.16): zap's JSON log lines with etcd's encoder config
 * (client/pkg/logutil/zap.go: ts as 2006-01-02T15:04:05.000000Z0700, short caller), the table of
 * `-w table` (olekukonko/tablewriter with etcdctl's ALIGN_RIGHT, etcdctl/ctlv3/command/printer_table.go),
 * and Go's time.Duration and go-humanize's byte sizes as etcdctl prints them.
 */

/** zap's JSON string escaping: quotes, backslashes and control characters only (no HTML escaping). */
function jsonString(s: string): string {
  return `"${s.replace(/[\\"\u0000-\u001f]/g, (c) => (c === "\\" ? "\\\\" : c === '"' ? '\\"' : c === "\n" ? "\\n" : c === "\t" ? "\\t" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`))}"`;
}

function zapTime(ms: number, micros: number): string {
  return new Date(Math.floor(ms))
    .toISOString()
    .replace(/\.(\d{3})Z$/, (_m, milli: string) => `.${milli}${String(micros).padStart(3, "0")}Z`);
}

export interface LogLine {
  level: "info" | "warn";
  /** epoch ms, plus a microsecond digit group */
  ts: number;
  micros: number;
  logger?: string;
  caller: string;
  msg: string;
  fields?: [string, string | number][];
}

export function zapLine(l: LogLine): string {
  const parts = [`"level":"${l.level}"`, `"ts":"${zapTime(l.ts, l.micros)}"`];
  if (l.logger) parts.push(`"logger":${jsonString(l.logger)}`);
  parts.push(`"caller":${jsonString(l.caller)}`, `"msg":${jsonString(l.msg)}`);
  for (const [k, v] of l.fields ?? []) parts.push(`${jsonString(k)}:${typeof v === "number" ? v : jsonString(v)}`);
  return `{${parts.join(",")}}\n`;
}

/** tablewriter.Pad: centred, the odd space on the right. */
function centre(s: string, width: number): string {
  const gap = width - s.length;
  const left = Math.floor(gap / 2);
  return " ".repeat(left) + s + " ".repeat(gap - left);
}

/** tablewriter with upper-cased, centred headers and right-aligned cells. */
export function table(header: string[], rows: string[][]): string {
  const head = header.map((h) => h.toUpperCase());
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = "+" + widths.map((w) => "-".repeat(w + 2)).join("+") + "+\n";
  const row = (cells: string[]) => "|" + cells.map((c) => ` ${c} `).join("|") + "|\n";
  return (
    line +
    row(head.map((h, i) => centre(h, widths[i]))) +
    line +
    rows.map((r) => row(r.map((c, i) => c.padStart(widths[i])))).join("") +
    line
  );
}

/** Go's time.Duration.String for durations between 1ms and 1s: `9.187622ms`. */
export function goMillis(nanos: number): string {
  const ms = Math.floor(nanos / 1e6);
  const frac = String(nanos % 1e6)
    .padStart(6, "0")
    .replace(/0+$/, "");
  return frac ? `${ms}.${frac}ms` : `${ms}ms`;
}

/** go-humanize Bytes (SI): `5.5 MB`, `12 MB`. */
export function humanBytes(n: number): string {
  if (n < 10) return `${n} B`;
  const sizes = ["B", "kB", "MB", "GB", "TB"];
  const e = Math.floor(Math.log(n) / Math.log(1000));
  const val = Math.floor((n / 1000 ** e) * 10 + 0.5) / 10;
  return val < 10 ? `${val.toFixed(1)} ${sizes[e]}` : `${val.toFixed(0)} ${sizes[e]}`;
}
