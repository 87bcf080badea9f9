/** The awk program tree the parser builds and the interpreter walks. */

export type Expr =
  | { k: "num"; v: number }
  | { k: "str"; v: string }
  | { k: "regex"; src: string }
  | { k: "var"; name: string }
  | { k: "field"; e: Expr }
  | { k: "index"; name: string; subs: Expr[] }
  | { k: "assign"; op: string; target: LValue; e: Expr }
  | { k: "cond"; c: Expr; a: Expr; b: Expr }
  | { k: "and" | "or"; a: Expr; b: Expr }
  | { k: "in"; subs: Expr[]; name: string }
  | { k: "match"; neg: boolean; a: Expr; re: Expr }
  | { k: "bin"; op: string; a: Expr; b: Expr }
  | { k: "concat"; a: Expr; b: Expr }
  | { k: "unary"; op: "-" | "+" | "!"; e: Expr }
  | { k: "incr"; op: "++" | "--"; prefix: boolean; target: LValue }
  | { k: "call"; name: string; args: Expr[] }
  | { k: "builtin"; name: string; args: Expr[] }
  | { k: "getline"; src?: Expr; kind: "plain" | "file" | "cmd"; target?: LValue }
  | { k: "group"; e: Expr }
  | { k: "multi"; es: Expr[] };

export type LValue = { k: "var"; name: string } | { k: "field"; e: Expr } | { k: "index"; name: string; subs: Expr[] };

export type Redirect = { op: ">" | ">>" | "|"; e: Expr };

export type Stmt =
  | { k: "expr"; e: Expr }
  | { k: "print"; args: Expr[]; redirect?: Redirect }
  | { k: "printf"; args: Expr[]; redirect?: Redirect }
  | { k: "if"; c: Expr; then: Stmt; else?: Stmt }
  | { k: "while"; c: Expr; body: Stmt }
  | { k: "do"; body: Stmt; c: Expr }
  | { k: "for"; init?: Stmt; c?: Expr; step?: Stmt; body: Stmt }
  | { k: "forin"; v: string; arr: string; body: Stmt }
  | { k: "block"; body: Stmt[] }
  | { k: "next" | "nextfile" | "break" | "continue" }
  | { k: "exit"; e?: Expr }
  | { k: "return"; e?: Expr }
  | { k: "delete"; name: string; subs?: Expr[] }
  | { k: "getline"; e: Expr };

export type Pattern = { k: "begin" } | { k: "end" } | { k: "expr"; e: Expr } | { k: "range"; a: Expr; b: Expr } | { k: "always" };

export interface Rule {
  pattern: Pattern;
  /** undefined: the default action `{ print }` */
  action?: Stmt[];
}

export interface FuncDef {
  name: string;
  params: string[];
  body: Stmt[];
}

export interface Program {
  rules: Rule[];
  funcs: Map<string, FuncDef>;
}
