/**
 * The shell's syntax tree. The parser produces it, the interpreter walks it. Command and process
 * substitutions hold their parsed Script, so nested `$( )` is parsed once, with the nesting depth
 * bounded there. Everything here is plain data (functions are stored as source text, not trees).
 */

/** A piece of a word. `q` marks quoted text: it is neither field-split nor globbed. */
export type WordPart =
  | { t: "lit"; v: string; q: boolean }
  | ParamPart
  | { t: "sub"; script: Script; q: boolean }
  | { t: "arith"; expr: Word; q: boolean }
  | { t: "tilde"; user: string }
  | { t: "procsub"; dir: "<" | ">"; script: Script }
  /** `name=value` or `name=(...)` as an argument of declare/local/export/readonly */
  | { t: "assign"; assign: Assignment };

export type Word = WordPart[];

/** `$x`, `${x}`, `${a[i]}`, `${#x}`, `${!x}` and every `${x<op>...}` form. */
export interface ParamPart {
  t: "param";
  name: string;
  q: boolean;
  /** `${a[i]}`: the subscript word; "@" and "*" are the whole-array forms */
  index?: Word | "@" | "*";
  /** `${#x}` */
  length?: boolean;
  /** `${!x}` (indirection), `${!a[@]}` (keys) or `${!prefix*}` (names) */
  bang?: boolean;
  op?: ParamOp;
}

export type ParamOp =
  | { k: "default"; colon: boolean; kind: "-" | "=" | "+" | "?"; word: Word }
  | { k: "substr"; offset: Word; length?: Word }
  | { k: "trim"; side: "#" | "%"; longest: boolean; pattern: Word }
  | { k: "replace"; mode: "first" | "all" | "prefix" | "suffix"; pattern: Word; repl: Word }
  | { k: "case"; upper: boolean; all: boolean; pattern: Word }
  | { k: "transform"; op: string };

export type RedirectOp = ">" | ">>" | "<" | ">&" | "<&" | "&>" | "&>>" | "<<" | "<<<" | "<>" | ">|";

export interface Redirect {
  /** file descriptor the redirect applies to */
  fd: number;
  op: RedirectOp;
  /** file name, or for `>&`/`<&` the target descriptor as a word */
  target?: Word;
  /** here-document body, already parsed (a plain literal when the delimiter was quoted) */
  heredoc?: Word;
}

export interface Assignment {
  name: string;
  /** `a[i]=v`: the subscript */
  index?: Word;
  /** `+=` */
  append: boolean;
  value: Word;
  /** `a=(x y [3]=z)`: the elements, each with its optional subscript */
  array?: { index?: Word; value: Word }[];
}

export interface SimpleCommand {
  k: "simple";
  /** line of the text it came from, for a script's `name: line N:` messages */
  line: number;
  assigns: Assignment[];
  words: Word[];
  redirects: Redirect[];
}

export interface CaseItem {
  patterns: Word[];
  body: Script;
  /** `;;` ends the case, `;&` falls into the next body, `;;&` tests the next patterns */
  end: ";;" | ";&" | ";;&";
}

export type Cond =
  | { k: "and" | "or"; a: Cond; b: Cond }
  | { k: "not"; e: Cond }
  | { k: "unary"; op: string; w: Word }
  | { k: "binary"; op: string; l: Word; r: Word }
  | { k: "word"; w: Word };

export type CompoundBody =
  | { k: "group"; body: Script }
  | { k: "subshell"; body: Script }
  | { k: "if"; clauses: { cond: Script; body: Script }[]; else?: Script }
  | { k: "for"; name: string; items?: Word[]; body: Script }
  | { k: "cfor"; init: Word; test: Word; step: Word; body: Script }
  | { k: "while"; until: boolean; cond: Script; body: Script }
  | { k: "case"; word: Word; items: CaseItem[] }
  | { k: "arith"; expr: Word }
  | { k: "cond"; expr: Cond };

export type Compound = CompoundBody & { redirects: Redirect[]; line?: number };

export interface FunctionDef {
  k: "function";
  name: string;
  /** the definition as written (after alias expansion), re-parsed when the function runs */
  source: string;
  body: Compound;
}

export type Command = SimpleCommand | Compound | FunctionDef;

export interface Pipeline {
  negate: boolean;
  commands: Command[];
  /** `|&` between stages i and i+1 also pipes stderr */
  stderrPipes?: boolean[];
  /** `time pipeline` */
  time?: boolean;
}

export interface AndOr {
  first: Pipeline;
  rest: { op: "&&" | "||"; pipeline: Pipeline }[];
  /** ended by `&`: run at once (there is no job control), with bash's `[1] PID` line */
  background?: boolean;
  /** the text of a background job, for its `Done` line */
  text?: string;
}

export type Script = AndOr[];
