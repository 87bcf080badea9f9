/** Helpers of kubectl/pkg/describe: the prefix writer levels, multi-line labels/annotations, RFC1123Z. */
import { LAST_APPLIED_ANNOTATION } from "../api/meta";
import { DESCRIBE_TABWRITER, tabwrite } from "./tabwriter";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Go's time.RFC1123Z in UTC: "Sat, 28 Nov 2026 09:04:10 +0000". Accepts epoch ms or an RFC 3339 string. */
export function rfc1123z(t: number | string): string {
  const d = new Date(typeof t === "string" ? Date.parse(t) : t);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** describe.go: the annotation `kubectl apply` keeps, never shown by describe */
/** describe.go maxAnnotationLen */
const MAX_ANNOTATION_LEN = 140;

export class DescribeWriter {
  private buf = "";
  /** level 0 writes as is; each level indents by two spaces (describe.go LEVEL_0..LEVEL_4) */
  write(level: number, text: string): void {
    this.buf += "  ".repeat(level) + text;
  }
  /**
   * printLabelsMultiline (sep "=") / printAnnotationsMultiline (sep ": "), describe.go: annotations
   * skip kubectl's last-applied-configuration, and a long or multi-line value goes below its key,
   * each line cut at 140 - 2 bytes with "...".
   */
  map(title: string, m: Record<string, string> | undefined, sep: "=" | ": ", level = 0): void {
    const annotations = sep === ": ";
    const keys = Object.keys(m ?? {})
      .filter((k) => !annotations || k !== LAST_APPLIED_ANNOTATION)
      .sort();
    this.write(level, `${title}:\t`);
    if (!keys.length) {
      this.buf += "<none>\n";
      return;
    }
    keys.forEach((k, i) => {
      if (i) this.write(level, "\t");
      const value = (m ?? {})[k];
      if (!annotations) this.buf += `${k}=${value}\n`;
      else {
        const v = value.replace(/\n$/, "");
        if (v.length + k.length + 2 > MAX_ANNOTATION_LEN || v.includes("\n")) {
          this.buf += `${k}:\n`;
          for (const line of v.split("\n"))
            this.write(level, `\t  ${line.length > MAX_ANNOTATION_LEN - 2 ? line.slice(0, MAX_ANNOTATION_LEN - 2) + "..." : line}\n`);
        } else this.buf += `${k}: ${v}\n`;
      }
    });
  }
  toString(): string {
    return tabwrite(this.buf, DESCRIBE_TABWRITER);
  }
}

/** Go's %v of a []string: "[a b c]". */
export function goList(a: readonly string[] | undefined): string {
  return `[${(a ?? []).join(" ")}]`;
}
