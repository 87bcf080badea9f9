/**
 * BusyBox nslookup (v1.36, in the busybox and alpine images): an A and an AAAA query for the name
 * (for each search domain of /etc/resolv.conf when the name has no dot: add_query_with_search),
 * sent to the resolv.conf nameserver, the answers printed as they come (here: in query order).
 * Texts from busybox's networking/nslookup.c (mirror/busybox at 1_36_0-229): "Server:\t\t%s",
 * "Address:\t%s" with the port, "Name:\t%s\nAddress: %s", "** server can't find %s: NXDOMAIN", an
 * empty line after each reply (an empty NOERROR answer, the AAAA of a Service, prints only that),
 * exit status 1 when any reply was an error, and ";; connection timed out; no servers could be
 * reached" when nothing answers. CoreDNS answers the cluster domain authoritatively (no
 * "Non-authoritative answer:"); names outside it go to the node's upstream, which knows no names
 * here: NXDOMAIN.
 */
import type { Command } from "../../types";
import { clusterDnsServing, clusterRecords, IPV4, resolvConf } from "../net/resolve";

const USAGE = `BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.

Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]

Query DNS about HOST

QUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any
`;

export const nslookup: Command = {
  name: "nslookup",
  summary: "query DNS about a host (BusyBox nslookup, inside busybox and alpine containers)",
  run(ctx) {
    const operands = ctx.args.filter((a) => !a.startsWith("-"));
    const types = ctx.args
      .filter((a) => a.startsWith("-type=") || a.startsWith("-query="))
      .map((a) => a.slice(a.indexOf("=") + 1).toLowerCase());
    if (!operands.length || operands.length > 2) return { stdout: "", stderr: USAGE, exitCode: 1 };
    const [name, server] = operands;
    const conf = resolvConf(ctx);
    const ns = server ?? conf.nameserver ?? "127.0.0.1";
    const dns = clusterDnsServing(ctx);
    if (!dns || ns !== dns) return { stdout: ";; connection timed out; no servers could be reached\n\n", stderr: "", exitCode: 1 };
    let out = `Server:\t\t${ns}\nAddress:\t${ns}:53\n\n`;
    if (IPV4.test(name)) {
      // a PTR query: CoreDNS's kubernetes plugin answers reverse lookups of Service IPs only with pods verified; keep it simple: NXDOMAIN
      const ptr = `${name.split(".").reverse().join(".")}.in-addr.arpa`;
      return { stdout: `${out}** server can't find ${ptr}: NXDOMAIN\n\n`, stderr: "", exitCode: 1 };
    }
    const wanted = types.length ? types : ["a", "aaaa"];
    const bare = name.replace(/\.$/, "");
    const names = name.includes(".") || !conf.search.length ? [bare] : conf.search.map((d) => `${bare}.${d}`);
    let failed = false;
    for (const type of wanted) {
      for (const q of names) {
        const records = clusterRecords(ctx, q);
        if (!records?.length) {
          out += `** server can't find ${q}: NXDOMAIN\n\n`;
          failed = true;
          continue;
        }
        if (type === "a") out += records.map((ip) => `Name:\t${q}\nAddress: ${ip}\n`).join("");
        out += "\n";
      }
    }
    return { stdout: out, stderr: "", exitCode: failed ? 1 : 0 };
  },
};
