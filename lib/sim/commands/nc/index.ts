/**
 * nc (netcat-openbsd 1.219, Debian and Ubuntu's) for the port checks people type: `nc -zv HOST
 * PORT...` and `-w SECONDS`. It connects through the same network model as curl (net/dial.ts)
 * and prints netcat's texts (checked against the real nc in oracle.test.ts). Sending data (without
 * -z) is not modelled: it connects, reports, and closes as -z does.
 */
import type { Command, CommandContext, ExecResult } from "../../types";
import { dial } from "../net/dial";
import { resolveHost } from "../net/resolve";

/** /etc/services names netcat prints in "[tcp/NAME]" (getservbyport). */
const SERVICES: Record<number, string> = { 22: "ssh", 53: "domain", 80: "http", 443: "https" };

const USAGE =
  "usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]\n";

function run(ctx: CommandContext): ExecResult {
  let verbose = false;
  let wait: number | undefined;
  const operands: string[] = [];
  const a = ctx.args;
  for (let i = 0; i < a.length; i++) {
    const arg = a[i];
    if (!arg.startsWith("-") || arg === "-") {
      operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j];
      if (c === "v") verbose = true;
      else if ("zn46".includes(c)) continue;
      else if (c === "w") {
        const v = arg.slice(j + 1) || a[++i];
        if (v === undefined || !/^\d+$/.test(v))
          return { stdout: "", stderr: `nc: timeout ${v === undefined ? "" : "invalid"}: ${v ?? ""}\n`, exitCode: 1 };
        wait = Number(v);
        break;
      } else return { stdout: "", stderr: `nc: invalid option -- '${c}'\n${USAGE}`, exitCode: 1 };
    }
  }
  if (operands.length < 2) return { stdout: "", stderr: USAGE, exitCode: 1 };
  const [host, ...ports] = operands;
  let err = "";
  let ok = false;
  const ip = resolveHost(ctx, host);
  for (const p of ports) {
    const port = Number(p);
    if (!ip) {
      err += `nc: getaddrinfo for host "${host}" port ${p}: Name or service not known\n`;
      continue;
    }
    const target = ip === host ? host : `${host} (${ip})`;
    const d = dial(ctx, ip, port);
    if (d.ok) {
      ok = true;
      if (verbose) err += `Connection to ${host} ${port} port [tcp/${SERVICES[port] ?? "*"}] succeeded!\n`;
    } else if (!verbose) continue;
    else if (d.error === "refused") err += `nc: connect to ${target} port ${port} (tcp) failed: Connection refused\n`;
    else if (wait !== undefined) err += `nc: connect to ${target} port ${port} (tcp) timed out: Operation now in progress\n`;
    else err += `nc: connect to ${target} port ${port} (tcp) failed: Connection timed out\n`;
  }
  // without -v netcat-openbsd is silent about connections; a name that does not resolve is always reported
  return { stdout: "", stderr: err, exitCode: ok ? 0 : 1 };
}

export const nc: Command = { name: "nc", summary: "check TCP ports of the cluster's Services, pods and nodes (nc -zv HOST PORT)", run };
