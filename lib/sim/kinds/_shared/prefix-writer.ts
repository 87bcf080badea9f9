/**
 * kubectl describe's output writer (staging/src/k8s.io/kubectl/pkg/describe/describe.go at
 * v0.32.4): prefixWriter indents each level by two spaces and escapes terminal control
 * characters (cli-runtime printers.WriteEscaped: ESC -> "^[", CR -> "\r"); tabbedString runs
 * everything through text/tabwriter(minwidth 0, tabwidth 8, padding 2). Flush() ends the
 * current column blocks, as DescribeEvents does before its table.
 */
import { DESCRIBE_TABWRITER, tabwrite } from "../../printers/tabwriter";

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

function escapeTerminal(s: string): string {
  return s.replace(/\x1b/g, "^[").replace(/\r/g, "\\r");
}

export class PrefixWriter {
  private done = "";
  private pending = "";
  private written = "";

  /** Write(level, text): `text` is the already formatted Sprintf result. */
  write(level: number, text: string): void {
    const t = escapeTerminal("  ".repeat(level) + text);
    this.pending += t;
    this.written += t;
  }

  /** WriteLine(a...): fmt.Sprintln, operands joined by spaces and a newline. */
  writeLine(...parts: string[]): void {
    const t = escapeTerminal(parts.join(" ") + "\n");
    this.pending += t;
    this.written += t;
  }

  flush(): void {
    this.done += tabwrite(this.pending, DESCRIBE_TABWRITER);
    this.pending = "";
  }

  toString(): string {
    return this.done + tabwrite(this.pending, DESCRIBE_TABWRITER);
  }

  /**
   * The writes as they were made, tabs and all: describe.NewPrefixWriter over a plain buffer with
   * no tabwriter, as kubectl's history and rollback printTemplate use it (polymorphichelpers/history.go).
   */
  untabbed(): string {
    return this.written;
  }
}

/** NewNestedPrefixWriter: every write shifted by `indent` levels. */
export class NestedPrefixWriter {
  constructor(
    private readonly out: PrefixWriter | NestedPrefixWriter,
    private readonly indent: number,
  ) {}
  write(level: number, text: string): void {
    this.out.write(level + this.indent, text);
  }
  writeLine(...parts: string[]): void {
    this.out.write(this.indent, parts.join(" ") + "\n");
  }
  flush(): void {
    this.out.flush();
  }
}

export type Writer = PrefixWriter | NestedPrefixWriter;
