/**
 * ssh to a node of the cluster, as on killercoda and in the CKA exam: root's key is authorised on
 * every node, so `ssh node01` (or its IP, or root@node01) opens a login shell there
 * (ssh-session.ts), and `ssh node01 CMD...` runs CMD there and prints its output. OpenSSH's own
 * messages (OpenSSH 9.6, Ubuntu 24.04; ssh.c, sshconnect.c): an unknown name is "ssh: Could not
 * resolve hostname %s: Name or service not known" (ssh lowercases the name it looks up), an
 * address nobody answers on "ssh: connect to host %s port 22: Connection timed out"; both exit 255.
 */
import { isShellContext } from "../shell/shell-context";
import type { Command, CommandContext, ExecResult } from "../types";
import { findNode } from "./hosts";
import { originOf } from "./node-view";
import { loginShell, nodeShell } from "./ssh-session";

/** OpenSSH 9.6's usage (ssh.c usage()). */
const USAGE = `usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]
           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]
           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]
           [-J destination] [-L address] [-l login_name] [-m mac_spec]
           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]
           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]
           destination [command [argument ...]]
`;

/** Options that take a value (ssh.c's getopt string "1246ab:c:e:fgi:kl:m:no:p:qstvxAB:CD:E:F:GI:J:KL:MNO:P:R:S:TVw:W:XYy"). */
const WITH_VALUE = new Set("bceilmopBDEFIJLOPRSwW".split(""));
const FLAGS = new Set("1246afgknqstvxACGKMNTVXYy".split(""));

/** Ubuntu's MOTD on login (update-motd.d 00-header and 10-help-text). */
function motd(kernel: string): string {
  return `Welcome to Ubuntu 24.04.1 LTS (GNU/Linux ${kernel} x86_64)

 * Documentation:  https://help.ubuntu.com
 * Management:     https://landscape.canonical.com
 * Support:        https://ubuntu.com/pro

`;
}

interface Parsed {
  destination?: string;
  command: string[];
  login?: string;
  error?: string;
}

function parse(args: string[]): Parsed {
  let login: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") return { destination: args[i + 1], command: args.slice(i + 2), login };
    if (!a.startsWith("-") || a === "-") return { destination: a, command: args.slice(i + 1), login };
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (WITH_VALUE.has(c)) {
        const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (value === undefined) return { command: [], error: `option requires an argument -- ${c}\n${USAGE}` };
        if (c === "l") login = value;
        break;
      }
      if (!FLAGS.has(c)) return { command: [], error: `unknown option -- ${c}\n${USAGE}` };
    }
  }
  return { command: [], login };
}

async function run(ctx: CommandContext): Promise<ExecResult> {
  const p = parse(ctx.args);
  if (p.error) return { stdout: "", stderr: p.error, exitCode: 255 };
  if (!p.destination) return { stdout: "", stderr: USAGE, exitCode: 255 };
  const origin = originOf(ctx.state);
  const real = origin?.state ?? ctx.state;
  const node = findNode(real, p.destination);
  const name = p.destination.slice(p.destination.lastIndexOf("@") + 1).toLowerCase();
  if (!node) {
    const message = /^\d+\.\d+\.\d+\.\d+$/.test(name)
      ? `ssh: connect to host ${name} port 22: Connection timed out\n`
      : `ssh: Could not resolve hostname ${name}: Name or service not known\n`;
    return { stdout: "", stderr: message, exitCode: 255 };
  }
  const commands = isShellContext(ctx) ? ctx.shell.commands : new Map<string, Command>();
  if (p.command.length) {
    // a command: run in a fresh non-interactive shell on the node, its output is ssh's
    const shell = { ...loginShell(node), started: true };
    const sh = nodeShell({ ...ctx, state: real, fs: origin?.fs ?? ctx.fs }, node, shell, commands);
    const r = await sh.interp.runText(p.command.join(" "));
    return { stdout: r.output, stderr: "", exitCode: r.exitCode };
  }
  const kernel = "6.8.0-51-generic";
  real.shell.ssh = { host: node.name, shell: loginShell(node), ...(real.shell.ssh ? { parent: real.shell.ssh } : {}) };
  return { stdout: motd(kernel), stderr: "", exitCode: 0 };
}

export const ssh: Command = {
  name: "ssh",
  summary: "open a shell on a node of the cluster (ssh node01), or run a command there",
  run,
  complete: (c) => [c.state.config.controlPlane.name, ...c.state.config.workers.map((w) => w.name)].filter((n) => n.startsWith(c.current)),
};
