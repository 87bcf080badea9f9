/**
 * $(( )) arithmetic: integers, + - * / % **, comparisons, && ||, unary - + !, parentheses and
 * variable names (unset or non-numeric names are 0, as in bash). Lessons use it for date math,
 * e.g. days until a certificate expires.
 */
import { getVar } from "./shell-context";

export class ArithError extends Error {}

const BINARY: [string, number][] = [
  ["||", 1], ["&&", 2], ["==", 3], ["!=", 3], ["<=", 4], [">=", 4], ["<", 4], [">", 4],
  ["+", 5], ["-", 5], ["**", 7], ["*", 6], ["/", 6], ["%", 6],
];

export function evalArith(src: string, env: Record<string, string>): number {
  const toks = src.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|\*\*|&&|\|\||==|!=|<=|>=|[-+*/%()<>!]|\S/g) ?? [];
  let i = 0;
  const fail = (): never => {
    throw new ArithError(`${src.trim()}: syntax error: operand expected (error token is "${toks.slice(i).join(" ") || src.trim()}")`);
  };
  const atom = (depth: number): number => {
    if (depth > 64) fail();
    const t = toks[i++];
    if (t === undefined) return fail();
    if (t === "(") {
      const v = expr(0, depth + 1);
      if (toks[i++] !== ")") fail();
      return v;
    }
    if (t === "-") return -atom(depth + 1);
    if (t === "+") return atom(depth + 1);
    if (t === "!") return Number(!atom(depth + 1));
    if (/^\d+$/.test(t)) return Number(t);
    if (/^[A-Za-z_]/.test(t)) return Math.trunc(Number(getVar(env, t) ?? 0)) || 0;
    return fail();
  };
  const expr = (minPrec: number, depth: number): number => {
    let left = atom(depth);
    for (;;) {
      const op = BINARY.find(([o]) => o === toks[i]);
      if (!op || op[1] < minPrec) return left;
      i++;
      const right = expr(op[0] === "**" ? op[1] : op[1] + 1, depth + 1);
      left = apply(op[0], left, right, src);
    }
  };
  if (!toks.length) return 0;
  const v = expr(0, 0);
  if (i < toks.length) fail();
  return v;
}

function apply(op: string, a: number, b: number, src: string): number {
  switch (op) {
    case "+": return a + b;
    case "-": return a - b;
    case "*": return a * b;
    case "**": return b < 0 ? 0 : Math.trunc(a ** b);
    case "/":
    case "%":
      if (b === 0) throw new ArithError(`${src.trim()}: division by 0 (error token is "${String(b)}")`);
      return op === "/" ? Math.trunc(a / b) : a % b;
    case "<": return Number(a < b);
    case ">": return Number(a > b);
    case "<=": return Number(a <= b);
    case ">=": return Number(a >= b);
    case "==": return Number(a === b);
    case "!=": return Number(a !== b);
    case "&&": return Number(!!a && !!b);
    default: return Number(!!a || !!b);
  }
}
