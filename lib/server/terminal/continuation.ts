/**
 * Lines of one command still being typed or pasted: a here-document, an open quote, a trailing
 * `|` or backslash. Whether the text so far is complete is the shell parser's call (asked in the
 * learner's simulator worker), but asking it again after every line re-parses the whole text: a
 * pasted 60 KB here-document took 23 s of CPU that way (issue 10, row 6). So:
 *  - in a here-document (the parser confirms that its delimiter lines alone would complete the
 *    text), a line is checked only when it is the next delimiter;
 *  - otherwise a line is checked only when it could close something: it holds a quote, bracket,
 *    brace, backslash, `#` or operator, is a single word (a delimiter), or follows a line ending
 *    in `\`, `|` or `&`. Any other line cannot end an open construct, so the text stays open.
 * The parser still decides every completion; the property test compares with asking it every line.
 */
import "server-only";

/** Past this the shell takes the text as it is (and says it is too long: lib/sim LIMITS.maxInputBytes). */
export const MAX_COMMAND_CHARS = 64 * 1024;

type Mode = { kind: "heredoc"; delimiters: { word: string; strip: boolean }[] } | { kind: "generic" };

const HEREDOC = /<<(-?)\s*(?:'([^'\n]*)'|"([^"\n]*)"|((?:\\.|[^\s;&|<>()'"`])+))/g;

/** The here-document delimiters a line opens, in order (a superset: the parser confirms). */
export function heredocDelimiters(line: string): { word: string; strip: boolean }[] {
  const out: { word: string; strip: boolean }[] = [];
  for (const m of line.matchAll(HEREDOC)) {
    const at = m.index ?? 0;
    if (line[at + 2] === "<" || line[at - 1] === "<") continue; // <<< is a here-string
    const word = m[2] ?? m[3] ?? (m[4] ?? "").replace(/\\(.)/g, "$1");
    if (word) out.push({ word, strip: m[1] === "-" });
  }
  return out;
}

function mayClose(line: string, previous: string | undefined): boolean {
  if (/['"`(){}\\#|&;<>]/.test(line) || !/\s/.test(line.trim()) || line.trim() === "") return true;
  return previous !== undefined && /[\\|&]\s*$/.test(previous);
}

export class Continuation {
  private lines: string[] = [];
  private mode: Mode = { kind: "generic" };

  /** @param needsMore the shell parser's verdict on a text (true: it needs more lines) */
  constructor(private readonly needsMore: (text: string) => Promise<boolean>) {}

  get open(): boolean {
    return this.lines.length > 0;
  }

  reset(): void {
    this.lines = [];
    this.mode = { kind: "generic" };
  }

  /** Adds a line: the whole command when it is complete, or null while it needs more lines. */
  async push(line: string): Promise<string | null> {
    const previous = [...this.lines].reverse().find((l) => l.trim() !== "");
    this.lines.push(line);
    const text = this.lines.join("\n");
    if (text.length > MAX_COMMAND_CHARS) return this.done(text);
    if (this.lines.length === 1) {
      if (!(await this.needsMore(text))) return this.done(text);
      const delimiters = heredocDelimiters(line);
      const onlyHeredoc = delimiters.length > 0 && !(await this.needsMore(`${text}\n${delimiters.map((d) => d.word).join("\n")}`));
      this.mode = onlyHeredoc ? { kind: "heredoc", delimiters } : { kind: "generic" };
      return null;
    }
    if (this.mode.kind === "heredoc") {
      const next = this.mode.delimiters[0];
      if ((next.strip ? line.replace(/^\t+/, "") : line) !== next.word) return null;
      this.mode.delimiters.shift();
      if (this.mode.delimiters.length > 0) return null;
      this.mode = { kind: "generic" };
      return (await this.needsMore(text)) ? null : this.done(text);
    }
    if (!mayClose(line, previous)) return null;
    return (await this.needsMore(text)) ? null : this.done(text);
  }

  private done(text: string): string {
    this.reset();
    return text;
  }
}
