/**
 * BusyBox nc (v1.36 with NC_110_COMPAT: networking/nc_bloaty.c, mirror/busybox at 1_36_0-229),
 * the nc of the busybox and alpine images: one HOST PORT, `-z` to only connect, `-v` to report
 * ("%s (%s) open" with the address as host:port; a refusal only at -vv, other failures at -v,
 * bb_perror_msg's "nc: HOST (IP:PORT): <strerror>"), `-w SEC`. A name that does not resolve is
 * libbb's "bad address '%s'". Sending data (without -z) is not modelled: it connects and closes.
 */
import type { Command, CommandContext, ExecResult } from "../../types";
import { dial } from "../net/dial";
import { resolveHost } from "../net/resolve";

const USAGE = `BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.

Usage: nc [OPTIONS] HOST PORT  - connect
nc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen

	-e PROG	Run PROG after connect (must be last)
	-l	Listen mode, for inbound connects
	-lk	With -e, provides persistent server
	-p PORT	Local port
	-s ADDR	Local address
	-w SEC	Timeout for connects and final net reads
	-i SEC	Delay interval for lines sent
	-n	Don't do DNS resolution
	-u	UDP mode
	-b	Allow broadcasts
	-v	Verbose
	-o FILE	Hex dump traffic
	-z	Zero-I/O mode (scanning)
`;

function run(ctx: CommandContext): ExecResult {
  let verbose = 0;
  const operands: string[] = [];
  const a = ctx.args;
  const usage = { stdout: "", stderr: USAGE, exitCode: 1 };
  for (let i = 0; i < a.length; i++) {
    const arg = a[i];
    if (!arg.startsWith("-") || arg === "-") {
      operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j];
      if (c === "v") verbose++;
      else if ("znub".includes(c)) continue;
      else if ("pswio".includes(c)) {
        if (!(arg.slice(j + 1) || a[++i])) return usage;
        break;
      } else return { stdout: "", stderr: `nc: invalid option -- '${c}'\n${USAGE}`, exitCode: 1 };
    }
  }
  if (operands.length !== 2) return usage;
  const [host, port] = operands;
  const ip = resolveHost(ctx, host);
  if (!ip) return { stdout: "", stderr: `nc: bad address '${host}'\n`, exitCode: 1 };
  const dotted = `${ip}:${port}`;
  const d = dial(ctx, ip, Number(port));
  if (d.ok) return { stdout: "", stderr: verbose ? `${host} (${dotted}) open\n` : "", exitCode: 0 };
  const refused = d.error === "refused";
  const shown = verbose > 1 || (verbose && !refused);
  return {
    stdout: "",
    stderr: shown ? `nc: ${host} (${dotted}): ${refused ? "Connection refused" : "Connection timed out"}\n` : "",
    exitCode: 1,
  };
}

export const busyboxNc: Command = { name: "nc", summary: "connect to a TCP port (BusyBox nc)", run };
