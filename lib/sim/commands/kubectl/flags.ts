/**
 * pflag/cobra argument parsing as kubectl does it: flags and operands mix freely, `--f=v`,
 * `--f v`, `-n v`, `-nv`, `-n=v`, booleans take `--f=false`, and errors are cobra's texts.
 */
export interface FlagSpec {
  /** long name → short letter ("" for none) */
  [long: string]: { short?: string; value: boolean; repeat?: boolean };
}

/** Flags every kubectl command accepts (kubectl options). */
export const GLOBAL_FLAGS: FlagSpec = {
  kubeconfig: { value: true },
  context: { value: true },
  cluster: { value: true },
  user: { value: true },
  namespace: { short: "n", value: true },
  server: { short: "s", value: true },
  "request-timeout": { value: true },
  v: { short: "v", value: true },
  "insecure-skip-tls-verify": { value: false },
  as: { value: true },
  "as-group": { value: true, repeat: true },
  "as-uid": { value: true },
  "tls-server-name": { value: true },
  "warnings-as-errors": { value: false },
  "match-server-version": { value: false },
  "cache-dir": { value: true },
  help: { short: "h", value: false },
};

export interface ParsedArgs {
  flags: Map<string, string[]>;
  operands: string[];
}

export type ParseResult = { ok: true; args: ParsedArgs } | { ok: false; error: string };

export function parseFlags(args: string[], spec: FlagSpec): ParseResult {
  const all: FlagSpec = { ...GLOBAL_FLAGS, ...spec };
  const byShort = new Map<string, string>();
  for (const [long, s] of Object.entries(all)) if (s.short) byShort.set(s.short, long);
  const flags = new Map<string, string[]>();
  const operands: string[] = [];
  const set = (name: string, v: string) => {
    const l = flags.get(name) ?? [];
    l.push(v);
    flags.set(name, l);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const s = Object.prototype.hasOwnProperty.call(all, name) ? all[name] : undefined;
      if (!s) return { ok: false, error: `unknown flag: --${name}` };
      if (eq >= 0) set(name, a.slice(eq + 1));
      else if (!s.value) set(name, "true");
      else if (i + 1 < args.length) set(name, args[++i]);
      else return { ok: false, error: `flag needs an argument: --${name}` };
    } else if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j];
        const name = byShort.get(ch);
        if (!name) return { ok: false, error: `unknown shorthand flag: '${ch}' in ${a}` };
        if (!all[name].value) {
          set(name, "true");
          continue;
        }
        const rest = a.slice(j + 1);
        if (rest) set(name, rest.startsWith("=") ? rest.slice(1) : rest);
        else if (i + 1 < args.length) set(name, args[++i]);
        else return { ok: false, error: `flag needs an argument: '${ch}' in -${ch}` };
        break;
      }
    } else operands.push(a);
  }
  return { ok: true, args: { flags, operands } };
}

export function flag(p: ParsedArgs, name: string): string | undefined {
  const l = p.flags.get(name);
  return l ? l[l.length - 1] : undefined;
}

export function boolFlag(p: ParsedArgs, name: string): boolean {
  const v = flag(p, name);
  return v !== undefined && v !== "false";
}

/** Index of the first operand (a subcommand), skipping flags and the values of value-taking flags. */
export function firstOperand(args: string[], spec: FlagSpec = {}): number {
  const all: FlagSpec = { ...GLOBAL_FLAGS, ...spec };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") return i + 1 < args.length ? i + 1 : -1;
    if (!a.startsWith("-") || a === "-") return i;
    if (a.includes("=")) continue;
    const s = a.startsWith("--") ? all[a.slice(2)] : Object.values(all).find((x) => x.short === a[1]);
    if (s?.value && (a.startsWith("--") || a.length === 2)) i++;
  }
  return -1;
}
