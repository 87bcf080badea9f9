/**
 * Go's text/tabwriter column algorithm (liggitt/tabwriter is a fork with the same layout rules).
 * Cells are tab-terminated; the text after a line's last tab is not part of any column, so it is
 * never padded (no trailing spaces). A column block is a run of consecutive lines that all have a
 * cell in that column: a line with fewer cells ends the block, which is why `kubectl describe`
 * re-aligns after every line without a tab.
 */
export interface TabwriterOptions {
  minwidth: number;
  padding: number;
}

/** kubectl get: minwidth 6, tabwidth 4, padding 3 (cli-runtime/pkg/printers/tabwriter.go). */
export const GET_TABWRITER: TabwriterOptions = { minwidth: 6, padding: 3 };
/** kubectl describe: minwidth 0, tabwidth 8, padding 2 (kubectl/pkg/describe/describe.go). */
export const DESCRIBE_TABWRITER: TabwriterOptions = { minwidth: 0, padding: 2 };

/** Formats `text` (lines of tab-separated cells) the way tabwriter.Flush would. */
export function tabwrite(text: string, opts: TabwriterOptions): string {
  const trailingNewline = text.endsWith("\n");
  const body = trailingNewline ? text.slice(0, -1) : text;
  if (body === "" && trailingNewline) return "\n";
  const lines = body.split("\n").map((l) => l.split("\t"));
  const out: string[] = new Array<string>(lines.length).fill("");
  const widths: number[] = [];

  // Go's recursive format(): widths of columns to the left are fixed while a block is formatted.
  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i];
      let s = "";
      for (let j = 0; j < cells.length; j++) {
        const c = cells[j];
        if (j < widths.length && j < cells.length - 1) s += c + " ".repeat(Math.max(0, widths[j] - charLen(c)));
        else s += c;
      }
      out[i] = s;
    }
  };
  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t].length - 1) continue;
      writeLines(line0, t);
      line0 = t;
      let width = opts.minwidth;
      for (; t < line1; t++) {
        const cells = lines[t];
        if (column >= cells.length - 1) break;
        const w = charLen(cells[column]) + opts.padding;
        if (w > width) width = w;
      }
      widths.push(width);
      format(line0, t);
      widths.pop();
      line0 = t;
      t--; // the for-loop increment must re-examine line `t`, which ended the block
    }
    writeLines(line0, line1);
  };
  format(0, lines.length);
  return out.join("\n") + (trailingNewline ? "\n" : "");
}

/** Go counts runes, not UTF-16 units. */
function charLen(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
