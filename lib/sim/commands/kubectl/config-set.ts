/** The kubeconfig-writing `kubectl config` subcommands, with clientcmd's messages. */
import type { CommandContext, ExecResult } from "../../types";
import { resolvePath } from "../../fs/vfs";
import { type ParsedArgs, boolFlag, flag } from "./flags";
import { type KubeconfigFile, saveKubeconfig } from "./kubeconfig";
import { err } from "./session";

function ok(stdout: string): ExecResult {
  return { stdout, stderr: "", exitCode: 0 };
}

export function runConfigSet(ctx: CommandContext, sub: string, args: ParsedArgs, loaded: KubeconfigFile): ExecResult {
  // the parsed config is shared by the content cache: work on a copy
  const file: KubeconfigFile = { ...loaded, config: structuredClone(loaded.config) };
  const c = file.config;
  const [name, second] = args.operands;
  const abs = (p: string) => resolvePath(ctx.state.shell.cwd, p, ctx.env.HOME || "/root");
  const save = (message: string): ExecResult => {
    const e = saveKubeconfig(ctx, file);
    return e ? err(e + "\n") : ok(message);
  };
  const readData = (what: string, p: string): string | ExecResult => {
    const r = ctx.fs.readFile(ctx.resolve(p));
    if (!r.ok) return err(`error: could not read ${what} data from ${p}: open ${p}: no such file or directory\n`);
    return Buffer.from(r.value, "utf8").toString("base64");
  };
  const needName = (usage: string) => err(`error: Unexpected args: [${args.operands.join(" ")}]\n\n${usage}\n`);

  switch (sub) {
    case "use-context": {
      if (!name) return err("error: empty context names are not allowed\n");
      if (!c.contexts.some((x) => x.name === name)) return err(`error: no context exists with the name: "${name}"\n`);
      c["current-context"] = name;
      return save(`Switched to context "${name}".\n`);
    }
    case "set-credentials": {
      if (!name || second) return needName("See 'kubectl config set-credentials -h' for help and examples");
      let entry = c.users.find((x) => x.name === name);
      if (!entry) c.users.push((entry = { name, user: {} }));
      const embed = boolFlag(args, "embed-certs");
      for (const [fl, pathKey, dataKey, what] of [
        ["client-certificate", "client-certificate", "client-certificate-data", "client-certificate"],
        ["client-key", "client-key", "client-key-data", "client-key"],
      ] as const) {
        const v = flag(args, fl);
        if (v === undefined) continue;
        if (embed) {
          const data = readData(what, v);
          if (typeof data !== "string") return data;
          entry.user[dataKey] = data;
          delete entry.user[pathKey];
        } else {
          entry.user[pathKey] = abs(v);
          delete entry.user[dataKey];
        }
      }
      for (const fl of ["token", "username", "password"]) {
        const v = flag(args, fl);
        if (v !== undefined) entry.user[fl] = v;
      }
      return save(`User "${name}" set.\n`);
    }
    case "set-cluster": {
      if (!name || second) return needName("See 'kubectl config set-cluster -h' for help and examples");
      let entry = c.clusters.find((x) => x.name === name);
      if (!entry) c.clusters.push((entry = { name, cluster: {} }));
      const server = flag(args, "server");
      if (server !== undefined) entry.cluster.server = server;
      const ca = flag(args, "certificate-authority");
      if (ca !== undefined) {
        if (boolFlag(args, "embed-certs")) {
          const data = readData("certificate-authority", ca);
          if (typeof data !== "string") return data;
          entry.cluster["certificate-authority-data"] = data;
          delete entry.cluster["certificate-authority"];
        } else {
          entry.cluster["certificate-authority"] = abs(ca);
          delete entry.cluster["certificate-authority-data"];
        }
      }
      if (args.flags.has("insecure-skip-tls-verify")) {
        if (boolFlag(args, "insecure-skip-tls-verify")) entry.cluster["insecure-skip-tls-verify"] = true;
        else delete entry.cluster["insecure-skip-tls-verify"];
      }
      const tls = flag(args, "tls-server-name");
      if (tls !== undefined) entry.cluster["tls-server-name"] = tls;
      return save(`Cluster "${name}" set.\n`);
    }
    case "set-context": {
      const current = boolFlag(args, "current");
      const target = current ? c["current-context"] : name;
      if (current && !target) return err("error: no current context is set\n");
      if (!target) return needName("See 'kubectl config set-context -h' for help and examples");
      let entry = c.contexts.find((x) => x.name === target);
      const existed = !!entry;
      if (!entry) c.contexts.push((entry = { name: target, context: {} }));
      for (const fl of ["cluster", "user", "namespace"]) {
        const v = flag(args, fl);
        if (v !== undefined) {
          if (v) entry.context[fl] = v;
          else delete entry.context[fl];
        }
      }
      return save(`Context "${target}" ${existed ? "modified" : "created"}.\n`);
    }
    case "delete-context":
    case "delete-user":
    case "delete-cluster": {
      const what = sub.slice(7) as "context" | "user" | "cluster";
      const list = what === "context" ? c.contexts : what === "user" ? c.users : c.clusters;
      if (!name) return err(`error: ${what} name is required\n`);
      const idx = list.findIndex((x) => x.name === name);
      if (idx < 0)
        return err(
          what === "context"
            ? `error: cannot delete context ${name}, not in ${file.path}\n`
            : `error: cannot delete ${what} ${name}, not in ${file.path}\n`,
        );
      list.splice(idx, 1);
      let warn = "";
      if (what === "context" && c["current-context"] === name)
        warn = 'warning: this removed your active context, use "kubectl config use-context" to select a different one\n';
      const e = saveKubeconfig(ctx, file);
      if (e) return err(e + "\n");
      // delete_context.go writes the warning to stdout, before the result line
      return { stdout: `${warn}deleted ${what} ${name} from ${file.path}\n`, stderr: "", exitCode: 0 };
    }
    case "rename-context": {
      if (!name || !second) return err("error: Unexpected args: [" + args.operands.join(" ") + "]\n");
      const entry = c.contexts.find((x) => x.name === name);
      if (!entry) return err(`error: cannot rename the context "${name}", it's not in ${file.path}\n`);
      if (c.contexts.some((x) => x.name === second))
        return err(`error: cannot rename the context "${name}", the context "${second}" already exists in ${file.path}\n`);
      entry.name = second;
      if (c["current-context"] === name) c["current-context"] = second;
      return save(`Context "${name}" renamed to "${second}".\n`);
    }
  }
  return err(`error: unknown command "${sub}"\n`);
}
