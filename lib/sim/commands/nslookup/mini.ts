/**
 * The nslookup of busybox up to 1.28 (the image the Kubernetes docs' DNS debugging page runs:
 * `kubectl run -it --rm --image=busybox:1.28 ... -- nslookup kubernetes.default`): the "mini"
 * nslookup of networking/nslookup.c (!FEATURE_NSLOOKUP_BIG, mirror/busybox at 1_36_0-229),
 * which asks libc (getaddrinfo, so the search path applies) and prints print_host's
 * "%-10s %s" header and "Address %u: %s" with the reverse name when there is one, first for the
 * server, then for the name; a failure is "can't resolve '%s'" on stderr, exit 1. CoreDNS's
 * kubernetes plugin answers the reverse name of a Service's ClusterIP.
 */
import { storeFor } from "../../api/store";
import type { Command, CommandContext } from "../../types";
import { busyboxMinor } from "../net/busybox-version";
import { clusterDnsServing, resolveHost, resolvConf } from "../net/resolve";

const USAGE = `BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.

Usage: nslookup [HOST] [SERVER]

Query the nameserver for the IP address of the given HOST
optionally using a specified DNS server
`;

/** CoreDNS's PTR answer for a Service's ClusterIP, while it serves. */
function reverseName(ctx: CommandContext, ip: string): string | undefined {
  if (!clusterDnsServing(ctx)) return undefined;
  const svc = storeFor(ctx.state)
    .list({ group: "", resource: "services" })
    .find((s) => (s.spec as { clusterIP?: string } | undefined)?.clusterIP === ip);
  return svc ? `${svc.metadata.name}.${svc.metadata.namespace ?? "default"}.svc.${ctx.state.config.dnsDomain}` : undefined;
}

function printHost(ctx: CommandContext, ip: string, name: string, header: string): string {
  const rev = reverseName(ctx, ip);
  return `${header.padEnd(10)} ${name}\nAddress 1: ${ip}${rev ? ` ${rev}` : ""}\n`;
}

export const nslookupMini: Command = {
  name: "nslookup",
  summary: "query the nameserver for a host's address (BusyBox 1.28 nslookup)",
  run(ctx) {
    const [name, server] = ctx.args;
    if (!name || name.startsWith("-") || ctx.args.length > 2) return { stdout: "", stderr: USAGE, exitCode: 1 };
    const ns = server ?? resolvConf(ctx).nameserver ?? "127.0.0.1";
    const out = `${printHost(ctx, ns, ns, "Server:")}\n`;
    const ip = resolveHost(ctx, name);
    if (!ip) return { stdout: out, stderr: `nslookup: can't resolve '${name}'\n`, exitCode: 1 };
    return { stdout: out + printHost(ctx, ip, name, "Name:"), stderr: "", exitCode: 0 };
  },
};

/** busybox images up to 1.28 print this nslookup's texts; 1.29 and later the one of nslookup/index.ts. */
export function isMiniNslookup(imageRef: string): boolean {
  const minor = busyboxMinor(imageRef);
  return minor !== undefined && minor <= 28;
}
