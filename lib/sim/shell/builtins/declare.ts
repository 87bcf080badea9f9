/** declare/typeset/local/export/readonly and unset, with bash's output forms (`declare -a a=([0]="1")`). */
import { VALID_NAME } from "../shell-context";
import { doubleQuote } from "../quote";
import { arrayKeys } from "../vars";
import { complain, type Builtin, type BuiltinCtx } from "./types";
import type { Assignment } from "../ast";

/** `declare -p name` for one variable, or undefined when it is not set. */
export function declareLine(b: BuiltinCtx, name: string): string | undefined {
  const { vars } = b.sh;
  const c = vars.cell(name);
  if (!c) return undefined;
  if (c.kind === "array") {
    const body = arrayKeys(c)
      .map((k) => `[${c.assoc ? k : k}]=${doubleQuote(c.items[k])}`)
      .join(" ");
    return c.assoc ? `declare -A ${name}=(${body}${body ? " " : ""})` : `declare -a ${name}=(${body})`;
  }
  const flag = vars.isExported(name) ? "-x" : "--";
  return c.value === undefined ? `declare ${flag} ${name}` : `declare ${flag} ${name}=${doubleQuote(c.value)}`;
}

function functionText(b: BuiltinCtx, name: string): string | undefined {
  const f = b.sh.shell.functions;
  return f && Object.prototype.hasOwnProperty.call(f, name) ? f[name] : undefined;
}

function declaration(kind: "declare" | "local" | "export" | "readonly"): Builtin {
  return {
    summary: {
      declare: "set variable values and attributes",
      local: "define local variables",
      export: "set export attribute for shell variables",
      readonly: "mark shell variables as unchangeable",
    }[kind],
    async run(b) {
      const { sh } = b;
      if (kind === "local" && sh.funcDepth === 0) return complain(b, "can only be used in a function");
      const flags = new Set<string>();
      const unflags = new Set<string>();
      const operands: { text: string; assign?: Assignment }[] = [];
      b.args.forEach((a, i) => {
        const d = b.decls.find((x) => x.at === i);
        if (d) operands.push({ text: a, assign: d.assign });
        else if (!operands.length && /^[-+][a-zA-Z]+$/.test(a)) for (const c of a.slice(1)) (a[0] === "-" ? flags : unflags).add(c);
        else operands.push({ text: a });
      });
      const bad = [...flags].find((c) => !"aAfFgilnprtuxI".includes(c));
      if (bad) return complain(b, `-${bad}: invalid option`, 2);
      if (kind === "export") flags.add("x");
      if (flags.has("f") || flags.has("F")) {
        const names = operands.length ? operands.map((o) => o.text) : Object.keys(sh.shell.functions ?? {}).sort();
        let code = 0;
        for (const n of names) {
          const text = functionText(b, n);
          if (text === undefined) code = 1;
          else b.io.out.write(flags.has("F") ? (operands.length ? `${n}\n` : `declare -f ${n}\n`) : `${text}\n`);
        }
        return code;
      }
      if (!operands.length || flags.has("p")) {
        if (flags.has("p") && operands.length) {
          let code = 0;
          for (const o of operands) {
            const line = declareLine(b, o.text);
            if (line) b.io.out.write(line + "\n");
            else code = complain(b, `${o.text}: not found`);
          }
          return code;
        }
        const names = sh.vars
          .names()
          .filter((n) => (flags.has("x") ? sh.vars.isExported(n) : kind === "local" ? sh.vars.frames.at(-1)?.has(n) : true));
        b.io.out.write(names.map((n) => (declareLine(b, n) ?? "") + "\n").join(""));
        return 0;
      }
      const local = kind === "local" || (kind === "declare" && sh.funcDepth > 0 && !flags.has("g"));
      let code = 0;
      for (const o of operands) {
        const name = o.assign ? o.assign.name : o.text;
        if (!VALID_NAME.test(name)) {
          code = complain(b, `\`${o.text}': not a valid identifier`);
          continue;
        }
        const assoc = flags.has("A");
        const declareHere = () => {
          if (local && !sh.vars.frames.at(-1)?.has(name)) {
            sh.vars.declareLocal(
              name,
              flags.has("a") || assoc || o.assign?.array ? { kind: "array", assoc, items: {} } : { kind: "scalar" },
            );
          }
        };
        if (o.assign) {
          let a = o.assign;
          if (flags.has("i") && !a.array) a = { ...a, value: [{ t: "lit", v: String(sh.ex.arith(await sh.ex.string(a.value))), q: true }] };
          if ((flags.has("l") || flags.has("u")) && !a.array) {
            const v = await sh.ex.string(a.value);
            a = { ...a, value: [{ t: "lit", v: flags.has("l") ? v.toLowerCase() : v.toUpperCase(), q: true }] };
          }
          await sh.assign(a, assoc || undefined, declareHere);
        } else {
          declareHere();
          if ((flags.has("a") || assoc) && !sh.vars.cell(name)) sh.vars.setArray(name, {}, assoc);
        }
        if (flags.has("x") && !local) sh.vars.export(name);
        if (unflags.has("x") || (kind === "export" && flags.has("n"))) sh.vars.unexport(name);
      }
      return code;
    },
  };
}

const unset: Builtin = {
  summary: "unset values of shell variables and functions",
  async run(b) {
    const { sh } = b;
    let mode: "v" | "f" | "any" = "any";
    const names: string[] = [];
    for (const a of b.args) {
      if (a === "-f") mode = "f";
      else if (a === "-v") mode = "v";
      else if (a === "-n") continue;
      else names.push(a);
    }
    let code = 0;
    for (const n of names) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)\[(.*)\]$/s.exec(n);
      if (m && mode !== "f") {
        const c = sh.vars.cell(m[1]);
        if (m[2] === "@" || m[2] === "*") sh.vars.unset(m[1]);
        else if (c?.kind === "array" && c.assoc) sh.vars.unsetIndex(m[1], m[2]);
        else sh.vars.unsetIndex(m[1], String(sh.ex.arith(m[2])));
        continue;
      }
      if (!VALID_NAME.test(n) && mode !== "f") {
        code = complain(b, `\`${n}': not a valid identifier`);
        continue;
      }
      const fns = sh.shell.functions;
      const isVar = sh.vars.isSet(n) || sh.vars.cell(n) !== undefined;
      if (mode === "f" || (mode === "any" && !isVar && fns && Object.prototype.hasOwnProperty.call(fns, n))) {
        if (fns) delete fns[n];
      } else sh.vars.unset(n);
    }
    return code;
  },
};

export const declareBuiltins: [string, Builtin][] = [
  ["declare", declaration("declare")],
  ["typeset", declaration("declare")],
  ["local", declaration("local")],
  ["export", declaration("export")],
  ["readonly", declaration("readonly")],
  ["unset", unset],
];
