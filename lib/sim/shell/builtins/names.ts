/**
 * Builtins about names: alias/unalias, type, command, builtin, hash, and the programmable
 * completion builtins (complete, compopt, compgen) that ~/.bashrc and `kubectl completion bash`
 * call; completion itself is the terminal's (lib/sim/shell/complete.ts).
 */
import { quoteForShell } from "../quote";
import { setOwn } from "../vars";
import { complain, options, type Builtin, type BuiltinCtx } from "./types";

export const KEYWORDS = new Set([
  "if",
  "then",
  "else",
  "elif",
  "fi",
  "case",
  "esac",
  "for",
  "select",
  "while",
  "until",
  "do",
  "done",
  "in",
  "function",
  "time",
  "{",
  "}",
  "!",
  "[[",
  "]]",
  "coproc",
]);

/** Commands of the registry that are builtins in bash (`type echo` says so). */
export const BASH_BUILTIN_COMMANDS = new Set([
  "cd",
  "pwd",
  "echo",
  "printf",
  "true",
  "false",
  "history",
  "help",
  "kill",
  "umask",
  "wait",
  "jobs",
  "times",
  "ulimit",
  "dirs",
  "pushd",
  "popd",
  "type",
  "hash",
  "enable",
]);

const SBIN = new Set([
  "ip",
  "iptables",
  "sysctl",
  "modprobe",
  "ss",
  "ifconfig",
  "route",
  "ipvsadm",
  "swapoff",
  "swapon",
  "reboot",
  "shutdown",
]);

export function commandPath(name: string): string {
  return `${SBIN.has(name) ? "/usr/sbin" : "/usr/bin"}/${name}`;
}

type Kind =
  { t: "alias"; value: string } | { t: "keyword" } | { t: "function"; source: string } | { t: "builtin" } | { t: "file"; path: string };

/** What a name is, in bash's lookup order (`skipFunctions` for `command`). */
export function classify(b: BuiltinCtx, name: string, all = false, skipFunctions = false): Kind[] {
  const { sh } = b;
  const out: Kind[] = [];
  const aliases = sh.shell.aliases;
  if (!skipFunctions && aliases && Object.prototype.hasOwnProperty.call(aliases, name)) out.push({ t: "alias", value: aliases[name] });
  if (KEYWORDS.has(name)) out.push({ t: "keyword" });
  const fns = sh.shell.functions;
  if (!skipFunctions && fns && Object.prototype.hasOwnProperty.call(fns, name)) out.push({ t: "function", source: fns[name] });
  if (BUILTIN_NAMES.has(name) && !["bash", "sh"].includes(name)) out.push({ t: "builtin" });
  else if (BASH_BUILTIN_COMMANDS.has(name) && sh.d.commands.has(name)) out.push({ t: "builtin" });
  if (sh.d.commands.has(name) || name === "bash" || name === "sh") {
    if (!out.some((k) => k.t === "builtin") || all) out.push({ t: "file", path: commandPath(name) });
  } else if (name.includes("/")) {
    const f = sh.findCommand(name);
    if (f.kind === "file") out.push({ t: "file", path: name });
  } else {
    const f = sh.findCommand(name);
    if (f.kind === "file") out.push({ t: "file", path: f.path });
  }
  return all ? out : out.slice(0, 1);
}

/** Filled in by builtins/index.ts (the set of every builtin name). */
export const BUILTIN_NAMES = new Set<string>();

const alias: Builtin = {
  summary: "define or display aliases",
  run(b) {
    const args = b.args.filter((a) => a !== "-p");
    const aliases = (b.sh.shell.aliases ??= {});
    if (!args.length) {
      b.io.out.write(
        Object.keys(aliases)
          .sort()
          .map((k) => `alias ${k}=${quoteForShell(aliases[k], true)}\n`)
          .join(""),
      );
      return 0;
    }
    let code = 0;
    for (const a of args) {
      const eq = a.indexOf("=");
      if (eq < 0) {
        if (Object.prototype.hasOwnProperty.call(aliases, a)) b.io.out.write(`alias ${a}=${quoteForShell(aliases[a], true)}\n`);
        else code = complain(b, `${a}: not found`);
        continue;
      }
      const name = a.slice(0, eq);
      if (!name || /[\s/$`=|&;()<>'"\\]/.test(name)) {
        code = complain(b, `\`${name}': invalid alias name`);
        continue;
      }
      setOwn(aliases, name, a.slice(eq + 1));
    }
    return code;
  },
};

const unalias: Builtin = {
  summary: "remove alias definitions",
  run(b) {
    const aliases = b.sh.shell.aliases ?? {};
    if (b.args[0] === "-a") {
      delete b.sh.shell.aliases;
      return 0;
    }
    if (!b.args.length) {
      complain(b, "usage: unalias [-a] name [name ...]", 2);
      return 2;
    }
    let code = 0;
    for (const a of b.args) {
      if (Object.prototype.hasOwnProperty.call(aliases, a)) delete aliases[a];
      else code = complain(b, `${a}: not found`);
    }
    return code;
  },
};

const type: Builtin = {
  summary: "display information about command type",
  run(b) {
    const o = options(b.args);
    const all = o.flags.has("a");
    let code = 0;
    for (const name of o.rest) {
      let kinds = classify(b, name, all);
      if (o.flags.has("P") || o.flags.has("p")) kinds = kinds.filter((k) => k.t === "file");
      if (!kinds.length) {
        if (!o.flags.has("t") && !o.flags.has("P") && !o.flags.has("p")) complain(b, `${name}: not found`);
        code = 1;
        continue;
      }
      for (const k of kinds) {
        if (o.flags.has("t")) b.io.out.write(k.t + "\n");
        else if (o.flags.has("P") || o.flags.has("p")) b.io.out.write((k.t === "file" ? k.path : "") + "\n");
        else if (k.t === "alias") b.io.out.write(`${name} is aliased to \`${k.value}'\n`);
        else if (k.t === "keyword") b.io.out.write(`${name} is a shell keyword\n`);
        else if (k.t === "function") b.io.out.write(`${name} is a function\n${k.source}\n`);
        else if (k.t === "builtin") b.io.out.write(`${name} is a shell builtin\n`);
        else b.io.out.write(`${name} is ${k.path}\n`);
      }
    }
    return code;
  },
};

const command: Builtin = {
  summary: "run a command, bypassing shell functions, or tell what a name is",
  async run(b) {
    const o = options(b.args);
    if (o.flags.has("v") || o.flags.has("V")) {
      let code = 0;
      for (const name of o.rest) {
        const k = classify(b, name)[0];
        if (!k) {
          if (o.flags.has("V")) complain(b, `${name}: not found`);
          code = 1;
          continue;
        }
        if (o.flags.has("V")) {
          const text =
            k.t === "alias"
              ? `${name} is aliased to \`${k.value}'`
              : k.t === "keyword"
                ? `${name} is a shell keyword`
                : k.t === "function"
                  ? `${name} is a function`
                  : k.t === "builtin"
                    ? `${name} is a shell builtin`
                    : `${name} is ${k.path}`;
          b.io.out.write(text + "\n");
        } else b.io.out.write((k.t === "alias" ? `alias ${name}=${quoteForShell(k.value, true)}` : k.t === "file" ? k.path : name) + "\n");
      }
      return code;
    }
    if (!o.rest.length) return 0;
    const fns = b.sh.shell.functions;
    const hidden = fns && Object.prototype.hasOwnProperty.call(fns, o.rest[0]) ? fns[o.rest[0]] : undefined;
    if (hidden !== undefined && fns) delete fns[o.rest[0]];
    try {
      return await b.sh.dispatch(o.rest, new Map(), b.io);
    } finally {
      if (hidden !== undefined) setOwn((b.sh.shell.functions ??= {}), o.rest[0], hidden);
    }
  },
};

const builtin: Builtin = {
  summary: "run a shell builtin",
  async run(b) {
    const name = b.args[0];
    if (name === undefined) return 0;
    if (!BUILTIN_NAMES.has(name) && !BASH_BUILTIN_COMMANDS.has(name)) return complain(b, `${name}: not a shell builtin`);
    const fns = b.sh.shell.functions;
    const hidden = fns && Object.prototype.hasOwnProperty.call(fns, name) ? fns[name] : undefined;
    if (hidden !== undefined && fns) delete fns[name];
    try {
      return await b.sh.dispatch(b.args, new Map(), b.io);
    } finally {
      if (hidden !== undefined) setOwn((b.sh.shell.functions ??= {}), name, hidden);
    }
  },
};

const hash: Builtin = {
  summary: "remember or display program locations",
  run(b) {
    if (!b.args.length) b.io.out.write("hash: hash table empty\n");
    return 0;
  },
};

const accept: Builtin = { summary: "accepted and ignored here (no programmable completion)", run: () => 0 };

/**
 * `complete`: keeps each command's completion specification, prints it back as bash does
 * (`complete -p`) and removes it (`complete -r`). bash 5.2's builtins/complete.def
 * (print_one_completion) prints the `-o` options, the actions (a letter where the action has one,
 * else `-A name`, in the order below), then -G -W -P -S -X -C quoted, then -F and the name; the
 * orders and messages were checked against bash 5.2 (names.test.ts). Tab completion itself stays
 * the terminal's (complete.ts), which completes kubectl and its aliases whatever the spec says.
 */
const COMPLETE_OPTIONS = ["bashdefault", "default", "dirnames", "filenames", "noquote", "nosort", "nospace", "plusdirs"];
/** action names in bash's printing order; those with a letter print as that letter */
const COMPLETE_ACTIONS: [string, string?][] = [
  ["alias", "a"],
  ["builtin", "b"],
  ["command", "c"],
  ["directory", "d"],
  ["export", "e"],
  ["file", "f"],
  ["group", "g"],
  ["job", "j"],
  ["keyword", "k"],
  ["service", "s"],
  ["user", "u"],
  ["variable", "v"],
  ["arrayvar"],
  ["binding"],
  ["disabled"],
  ["enabled"],
  ["function"],
  ["helptopic"],
  ["hostname"],
  ["running"],
  ["setopt"],
  ["shopt"],
  ["signal"],
  ["stopped"],
];
const COMPLETE_QUOTED = ["G", "W", "P", "S", "X", "C"];
const COMPLETE_USAGE =
  "complete: usage: complete [-abcdefgjksuv] [-pr] [-DEI] [-o option] [-A action] [-G globpat] [-W wordlist] [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [name ...]\n";

const quoteAlways = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

const complete: Builtin = {
  summary: "specify how arguments are to be completed",
  run(b) {
    const opts = new Set<string>();
    const actions = new Set<string>();
    const valued = new Map<string, string>();
    let print = false;
    let remove = false;
    let i = 0;
    for (; i < b.args.length; i++) {
      const a = b.args[i];
      if (a === "--") {
        i++;
        break;
      }
      if (a.length < 2 || a[0] !== "-") break;
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const letter = COMPLETE_ACTIONS.find(([, l]) => l === c);
        if (letter) actions.add(letter[0]);
        else if (c === "p") print = true;
        else if (c === "r") remove = true;
        else if (c === "D" || c === "E" || c === "I") continue;
        else if ("oAGWFCXPS".includes(c)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : b.args[++i];
          if (v === undefined) {
            b.io.err.write(`${b.sh.errPrefix()}complete: -${c}: option requires an argument\n${COMPLETE_USAGE}`);
            return 2;
          }
          if (c === "o") {
            if (!COMPLETE_OPTIONS.includes(v)) return complain(b, `${v}: invalid option name`, 2);
            opts.add(v);
          } else if (c === "A") {
            if (!COMPLETE_ACTIONS.some(([n]) => n === v)) return complain(b, `${v}: invalid action name`, 2);
            actions.add(v);
          } else valued.set(c, v);
          break;
        } else {
          b.io.err.write(`${b.sh.errPrefix()}complete: -${c}: invalid option\n${COMPLETE_USAGE}`);
          return 2;
        }
      }
    }
    const names = b.args.slice(i);
    const specs = b.sh.shell.completions ?? {};
    const printOne = (name: string) => {
      const spec = specs[name];
      b.io.out.write(`complete ${spec ? spec + " " : ""}${/^[A-Za-z0-9_./-]+$/.test(name) ? name : quoteAlways(name)}\n`);
    };
    const noSpec = (name: string) => complain(b, `${name}: no completion specification`);
    if (print || (!names.length && !remove && !opts.size && !actions.size && !valued.size)) {
      if (!names.length) {
        for (const name of Object.keys(specs)) printOne(name);
        return 0;
      }
      let code = 0;
      for (const name of names) {
        if (Object.prototype.hasOwnProperty.call(specs, name)) printOne(name);
        else code = noSpec(name);
      }
      return code;
    }
    if (remove) {
      if (!names.length) {
        delete b.sh.shell.completions;
        return 0;
      }
      // bash 5.2 removes what it has and says nothing of the rest (remove_cmd_completions)
      for (const name of names) delete specs[name];
      return 0;
    }
    if (!names.length) {
      b.io.err.write(COMPLETE_USAGE);
      return 2;
    }
    const spec = [
      ...COMPLETE_OPTIONS.filter((o) => opts.has(o)).map((o) => `-o ${o}`),
      ...COMPLETE_ACTIONS.filter(([n]) => actions.has(n)).map(([n, l]) => (l ? `-${l}` : `-A ${n}`)),
      ...COMPLETE_QUOTED.flatMap((c) => {
        const v = valued.get(c);
        return v === undefined ? [] : [`-${c} ${quoteAlways(v)}`];
      }),
      ...(valued.has("F") ? [`-F ${valued.get("F")}`] : []),
    ].join(" ");
    const kept = (b.sh.shell.completions ??= {});
    for (const name of names) setOwn(kept, name, spec);
    return 0;
  },
};

const compgen: Builtin = {
  summary: "display possible completions",
  run(b) {
    const o = options(b.args, "WAXFCGPSo");
    const cur = o.rest[0] ?? "";
    const words = (o.flags.get("W") ?? "").split(/[ \t\n]+/).filter(Boolean);
    const hits = words.filter((w) => w.startsWith(cur));
    b.io.out.write(hits.map((w) => w + "\n").join(""));
    return hits.length ? 0 : 1;
  },
};

export const nameBuiltins: [string, Builtin][] = [
  ["alias", alias],
  ["unalias", unalias],
  ["type", type],
  ["command", command],
  ["builtin", builtin],
  ["hash", hash],
  ["complete", complete],
  ["compopt", accept],
  ["compgen", compgen],
];
