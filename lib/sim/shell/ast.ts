/**
 * The shell's syntax tree. The parser produces it, the interpreter walks it. Command substitutions
 * hold their parsed Script, so nested `$( )` is parsed once, with the nesting depth bounded there.
 */

/** A piece of a word. `q` marks quoted text: it is neither field-split nor globbed. */
export type WordPart =
  | { t: "lit"; v: string; q: boolean }
  | { t: "var"; name: string; q: boolean; op?: ":-" | "-" | "#"; arg?: Word }
  | { t: "sub"; script: Script; q: boolean }
  | { t: "arith"; expr: Word; q: boolean }
  | { t: "tilde" };

export type Word = WordPart[];

export type RedirectOp = ">" | ">>" | "<" | ">&" | "<&" | "&>" | "&>>" | "<<" | "<<<";

export interface Redirect {
  /** file descriptor the redirect applies to (0, 1 or 2) */
  fd: number;
  op: RedirectOp;
  /** file name, or for `>&`/`<&` the target descriptor as a word */
  target?: Word;
  /** here-document body, already parsed (a plain literal when the delimiter was quoted) */
  heredoc?: Word;
}

export interface Assignment {
  name: string;
  value: Word;
}

export interface SimpleCommand {
  assigns: Assignment[];
  words: Word[];
  redirects: Redirect[];
}

export interface Pipeline {
  negate: boolean;
  commands: SimpleCommand[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: "&&" | "||"; pipeline: Pipeline }[];
}

export type Script = AndOr[];
