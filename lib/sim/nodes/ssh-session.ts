/**
 * The terminal on a node reached with `ssh` (ssh.ts): while `state.shell.ssh` is set, the engine
 * shows that node's prompt and runs each line there (core/sim-engine.ts AttachedShellHost, the
 * mechanism `kubectl exec -it` uses, commands/kubectl/exec-session.ts). The node's shell is a
 * login shell of its own (cwd, variables, aliases from its ~/.bashrc), over that node's files and
 * the cluster's objects (node-view.ts). `exit` or Ctrl-D closes it: bash says "logout", OpenSSH
 * "Connection to <host> closed." (clientloop.c), and the shell that opened it is back.
 */
import type { Vfs } from "../fs/vfs";
import { complete, type Completion } from "../shell/complete";
import { Interpreter, type Handover } from "../shell/interpreter";
import type { NodeSession } from "../shell/state";
import type { ClusterState, Command, CommandContext, NodeConfig } from "../types";
import { findNode } from "./hosts";
import { nodeView } from "./node-view";

/** A login shell's environment on a kubeadm node (Ubuntu 24.04, root). */
export function loginShell(node: NodeConfig): NodeSession["shell"] {
  return {
    cwd: "/root",
    env: {
      HOME: "/root",
      HOSTNAME: node.name,
      LANG: "C.UTF-8",
      LOGNAME: "root",
      PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      PWD: "/root",
      SHELL: "/bin/bash",
      TERM: "xterm-256color",
      USER: "root",
    },
    history: [],
    lastExitCode: 0,
  };
}

/** The shell's prompt on the node: the .bashrc's PS1 '\h:\w\$ '. */
export function sessionPrompt(state: ClusterState): string {
  const s = state.shell.ssh;
  if (!s) return "";
  const home = s.shell.env.HOME ?? "/root";
  const cwd = s.shell.cwd;
  const w = cwd === home ? "~" : cwd.startsWith(home + "/") ? "~" + cwd.slice(home.length) : cwd;
  return `${s.host}:${w}$ `;
}

export interface NodeShell {
  interp: Interpreter;
  view: ClusterState;
  vfs: Vfs;
}

/** An interpreter on `node` with `shell` as its shell state. */
export function nodeShell(
  ctx: Pick<CommandContext, "state" | "fs" | "now" | "keys" | "random">,
  node: NodeConfig,
  shell: ClusterState["shell"],
  commands: ReadonlyMap<string, Command>,
): NodeShell {
  const now = () => ctx.now;
  const { state: view, vfs } = nodeView(ctx.state, node, shell, ctx.fs, now, () => ctx.random());
  const interp = new Interpreter({ state: view, vfs, commands, keys: ctx.keys, now, random: () => ctx.random() });
  return { interp, view, vfs };
}

export interface SessionLine {
  output: string;
  exitCode: number;
  handover?: Handover;
}

/** One line typed at the node's prompt. */
export async function runSessionLine(line: string, ctx: CommandContext, commands: ReadonlyMap<string, Command>): Promise<SessionLine> {
  const s = ctx.state.shell.ssh;
  if (!s) return { output: "", exitCode: 0 };
  const node = findNode(ctx.state, s.host);
  if (!node) {
    delete ctx.state.shell.ssh;
    return { output: `Connection to ${s.host} closed.\n`, exitCode: 255 };
  }
  if (line.trim()) s.shell.history.push(line.replace(/\n+$/, ""));
  const sh = nodeShell(ctx, node, s.shell, commands);
  if (!s.shell.started) await sh.interp.startShell();
  const r = await sh.interp.runText(line);
  // the interpreter may have replaced its shell object (history, `exec`)
  s.shell = sh.view.shell;
  s.shell.history = s.shell.history.slice(-100);
  if (!r.exit) return { output: r.output, exitCode: r.exitCode, ...(r.handover ? { handover: r.handover } : {}) };
  // a nested ssh (ssh.ts) may have opened another session on top: close this one
  if (ctx.state.shell.ssh === s) {
    if (s.parent) ctx.state.shell.ssh = s.parent;
    else delete ctx.state.shell.ssh;
  }
  ctx.state.shell.lastExitCode = r.exitCode;
  return { output: `${r.output.replace(/exit\n$/, "")}logout\nConnection to ${s.host} closed.\n`, exitCode: r.exitCode };
}

/** Tab at the node's prompt: its commands and its files. */
export function sessionComplete(
  line: string,
  cursor: number,
  state: ClusterState,
  now: number,
  cpFs: Vfs,
  commands: ReadonlyMap<string, Command>,
): Completion {
  const s = state.shell.ssh;
  const node = s && findNode(state, s.host);
  if (!s || !node) return { from: cursor, to: cursor, candidates: [] };
  const keys = { take: () => Promise.reject(new Error("completion asked for a key")) };
  const sh = nodeShell({ state, fs: cpFs, now, keys, random: () => 0 }, node, structuredClone(s.shell), commands);
  return complete(line, cursor, sh.view, sh.vfs, commands);
}
