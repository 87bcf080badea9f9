/**
 * `etcdctl` v3.5.16 (the etcd that kubeadm v1.32 runs) on the control plane node: `endpoint health`,
 * `member list`, `snapshot save`, `get --keys-only`, `version`. Flags and ETCDCTL_* variables as
 * etcdctl/ctlv3/command/global.go reads them; the connection is checked for real against the
 * node's etcd certificates (connection.ts). Texts from etcdctl/ctlv3/command/ep_command.go,
 * member_command.go, printer_simple.go, printer.go, snapshot_command.go and
 * client/v3/snapshot/v3_snapshot.go, client/v3/retry_interceptor.go at v3.5.16.
 */
import { createHash } from "node:crypto";
import type { Command, CommandContext, ExecResult } from "../../types";
import { dialEndpoint, loadTlsFiles, type TlsFlags } from "./connection";
import { goMillis, humanBytes, table, zapLine } from "./output";
import { registryKeys } from "./registry-keys";
import { snapshotFileText } from "./snapshot-file";

const VERSION = "3.5.16";
const STRING_FLAGS = ["endpoints", "cacert", "cert", "key", "write-out", "command-timeout", "dial-timeout"] as const;
const BOOL_FLAGS = ["insecure-skip-tls-verify", "insecure-transport", "prefix", "keys-only", "debug"] as const;

interface Parsed {
  words: string[];
  values: Map<string, string>;
  bools: Map<string, boolean>;
}

type Fail = { error: string };

function parseArgs(args: string[]): Parsed | Fail {
  const p: Parsed = { words: [], values: new Map(), bools: new Map() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-w") {
      if (i + 1 >= args.length) return { error: "flag needs an argument: 'w' in -w" };
      p.values.set("write-out", args[++i]);
      continue;
    }
    if (!a.startsWith("--") || a === "--") {
      if (a.startsWith("-") && a.length > 1) return { error: `unknown shorthand flag: '${a[1]}' in ${a}` };
      p.words.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if ((STRING_FLAGS as readonly string[]).includes(name)) {
      if (inline !== undefined) p.values.set(name, inline);
      else if (i + 1 < args.length) p.values.set(name, args[++i]);
      else return { error: `flag needs an argument: --${name}` };
    } else if ((BOOL_FLAGS as readonly string[]).includes(name)) {
      p.bools.set(name, inline === undefined ? true : inline === "true");
    } else return { error: `unknown flag: --${name}` };
  }
  return p;
}

const envName = (flag: string) => `ETCDCTL_${flag.toUpperCase().replace(/-/g, "_")}`;

/** Timestamps for this run's log lines: the clock plus `offsetMs`, never going back, in microseconds. */
function stamper(ctx: CommandContext) {
  let last = 0;
  return (offsetMs = 0) => {
    const micros = Math.max((ctx.now + offsetMs) * 1000, last) + 40 + Math.floor(ctx.random() * 400);
    last = micros;
    return { ts: Math.floor(micros / 1000), micros: micros % 1000 };
  };
}

/** `etcd-endpoints://0xc000...000/127.0.0.1:2379`: the client's pointer, then the first endpoint's authority. */
function target(ctx: CommandContext, endpoint: string): string {
  const ptr = `0xc000${Math.floor(ctx.random() * 0x1000)
    .toString(16)
    .padStart(3, "0")}000`;
  return `etcd-endpoints://${ptr}/${endpoint.replace(/^[a-z]+:\/\//, "")}`;
}

function memberId(ctx: CommandContext): string {
  const c = ctx.state.config;
  return createHash("sha256")
    .update(`${c.controlPlane.name} https://${c.controlPlane.ip}:2380 ${c.clusterName}`)
    .digest("hex")
    .slice(0, 16)
    .replace(/^0/, "8");
}

/** etcdctl logs (stderr) before it prints its result (stdout). */
function out(stdout: string, stderr = "", exitCode = 0): ExecResult {
  const chunks: ExecResult["chunks"] = [];
  if (stderr) chunks.push({ fd: 2, text: stderr });
  if (stdout) chunks.push({ fd: 1, text: stdout });
  return { stdout, stderr, exitCode, chunks };
}

export const etcdctl: Command = {
  name: "etcdctl",
  summary: "etcdctl 3.5: endpoint health, member list, snapshot save, get --keys-only",
  mutates: (args) => args.includes("snapshot"),
  run(ctx) {
    const api = ctx.env.ETCDCTL_API ?? "";
    if (api !== "" && api !== "3") {
      return api === "2"
        ? out("", "etcdctl: the v2 API (ETCDCTL_API=2) is not simulated; use ETCDCTL_API=3\n", 1)
        : out("", `unsupported API version: ${api}\n`, 1);
    }
    const p = parseArgs(ctx.args);
    if ("error" in p) return out("", `Error: ${p.error}\n`, 1);
    const stamp = stamper(ctx);
    let stderr = "";
    // flags.SetPflagsFromEnv: ETCDCTL_<FLAG> fills a flag not given on the command line; others are warned about
    const known = new Set([...STRING_FLAGS, ...BOOL_FLAGS].map(envName));
    for (const [k, v] of Object.entries(ctx.env)) {
      if (!k.startsWith("ETCDCTL_") || k === "ETCDCTL_API") continue;
      if (!known.has(k)) {
        stderr += zapLine({
          level: "warn",
          ...stamp(),
          caller: "flags/flag.go:93",
          msg: "unrecognized environment variable",
          fields: [["environment-variable", `${k}=${v}`]],
        });
        continue;
      }
      const flag = k.slice(8).toLowerCase().replace(/_/g, "-");
      if ((STRING_FLAGS as readonly string[]).includes(flag) && !p.values.has(flag)) p.values.set(flag, v);
      if ((BOOL_FLAGS as readonly string[]).includes(flag) && !p.bools.has(flag)) p.bools.set(flag, v === "true");
    }
    const [cmd, sub, ...rest] = p.words;
    if (cmd === "version") return out(`etcdctl version: ${VERSION}\nAPI version: 3.5\n`, stderr);
    const writeOut = p.values.get("write-out") ?? "simple";
    if (writeOut !== "simple" && writeOut !== "table")
      return out("", `${stderr}Error: the simulated etcdctl prints --write-out=simple or table, not ${writeOut}\n`, 1);
    const endpoints = (p.values.get("endpoints") ?? "127.0.0.1:2379")
      .split(",")
      .map((e) => e.trim())
      .filter(Boolean);
    const tls: TlsFlags = {
      cacert: p.values.get("cacert"),
      cert: p.values.get("cert"),
      key: p.values.get("key"),
      insecureSkipTlsVerify: p.bools.get("insecure-skip-tls-verify") ?? false,
      insecureTransport: p.bools.get("insecure-transport") ?? true,
    };
    for (const f of ["cacert", "cert", "key"] as const)
      if (p.values.get(f) === "") return out("", `${stderr}Error: empty string is passed to --${f} option\n`, 128);
    const files = loadTlsFiles(ctx, tls);
    if (!files.ok) return out("", `${stderr}Error: ${files.error}\n`, 128);

    /** A failed unary call: the retry interceptor's warning after the 5s command timeout. */
    const retryWarning = (logger: string, desc: string) =>
      zapLine({
        level: "warn",
        ...stamp(5000),
        logger,
        caller: `v3@v${VERSION}/retry_interceptor.go:63`,
        msg: "retrying of unary invoker failed",
        fields: [
          ["target", target(ctx, endpoints[0])],
          ["attempt", 0],
          [
            "error",
            `rpc error: code = DeadlineExceeded desc = latest balancer error: last connection error: connection error: desc = "${desc}"`,
          ],
        ],
      });

    if (cmd === "endpoint" && sub === "health") {
      const rows: string[][] = [];
      let stdout = "";
      let failed = false;
      for (const ep of endpoints) {
        const d = dialEndpoint(ctx, ep, tls, files);
        if (d.ok) {
          const took = goMillis(4_000_000 + Math.floor(ctx.random() * 9_000_000));
          rows.push([ep, "true", took, ""]);
          stdout += `${ep} is healthy: successfully committed proposal: took = ${took}\n`;
        } else {
          failed = true;
          stderr += retryWarning("client", d.desc);
          rows.push([ep, "false", "5.00" + String(Math.floor(ctx.random() * 1e6)).padStart(6, "0") + "s", "context deadline exceeded"]);
          stderr += `${ep} is unhealthy: failed to commit proposal: context deadline exceeded\n`;
        }
      }
      if (writeOut === "table") stdout = table(["endpoint", "health", "took", "error"], rows);
      return failed ? out(stdout, `${stderr}Error: unhealthy cluster\n`, 1) : out(stdout, stderr);
    }

    const first = dialEndpoint(ctx, endpoints[0], tls, files);
    if (cmd === "member" && sub === "list") {
      if (!first.ok) return out("", `${stderr}${retryWarning("etcd-client", first.desc)}Error: context deadline exceeded\n`, 1);
      const c = ctx.state.config;
      const row = [
        memberId(ctx),
        "started",
        c.controlPlane.name,
        `https://${c.controlPlane.ip}:2380`,
        `https://${c.controlPlane.ip}:2379`,
        "false",
      ];
      return out(
        writeOut === "table" ? table(["ID", "Status", "Name", "Peer Addrs", "Client Addrs", "Is Learner"], [row]) : row.join(", ") + "\n",
        stderr,
      );
    }
    if (cmd === "snapshot" && sub === "save") return snapshotSave(ctx, rest, endpoints, first, stderr, stamp);
    if (cmd === "get") {
      const args = [sub, ...rest].filter((a): a is string => a !== undefined);
      if (args.length < 1 || args.length > 2)
        return out("", `${stderr}Error: get command needs one argument as key and an optional argument as range_end\n`, 128);
      if (!p.bools.get("keys-only")) return out("", `${stderr}Error: the simulated etcdctl shows keys only: add --keys-only\n`, 1);
      if (!first.ok) return out("", `${stderr}${retryWarning("etcd-client", first.desc)}Error: context deadline exceeded\n`, 1);
      const key = args[0];
      const keys = registryKeys(ctx.state).filter((k) => (p.bools.get("prefix") ? k.startsWith(key) : k === key));
      return out(keys.map((k) => `${k}\n\n`).join(""), stderr);
    }
    const what = [cmd, sub].filter(Boolean).join(" ");
    return out(
      "",
      `${stderr}Error: ${what ? `the simulated etcdctl does not implement "${what}"` : "no command given"}; it implements endpoint health, member list, snapshot save, get --keys-only and version\n`,
      1,
    );
  },
};

function snapshotSave(
  ctx: CommandContext,
  args: string[],
  endpoints: string[],
  first: ReturnType<typeof dialEndpoint>,
  stderr: string,
  stamp: ReturnType<typeof stamper>,
): ExecResult {
  if (args.length !== 1) return out("", `${stderr}Error: snapshot save expects one argument\n`, 128);
  if (endpoints.length !== 1)
    return out("", `${stderr}Error: snapshot must be requested to one selected node, not multiple [${endpoints.join(" ")}]\n`, 5);
  const path = args[0];
  const part = `${path}.part`;
  const w = ctx.fs.writeFile(ctx.resolve(part), "", 0o600);
  if (!w.ok) return out("", `${stderr}Error: could not open ${part} (open ${part}: no such file or directory)\n`, 5);
  stderr += zapLine({
    level: "info",
    ...stamp(),
    caller: "snapshot/v3_snapshot.go:65",
    msg: "created temporary db file",
    fields: [["path", part]],
  });
  if (!first.ok) {
    // the real command has no deadline unless --command-timeout is set and keeps waiting; the simulator stops as if it were 5s
    ctx.fs.remove(ctx.resolve(part));
    return out("", `${stderr}Error: context deadline exceeded\n`, 5);
  }
  const keys = registryKeys(ctx.state);
  const size = 5_500_000 + keys.length * 3_072;
  stderr += zapLine({
    level: "info",
    ...stamp(1),
    logger: "client",
    caller: `v3@v${VERSION}/maintenance.go:212`,
    msg: "opened snapshot stream; downloading",
  });
  stderr += zapLine({
    level: "info",
    ...stamp(1),
    caller: "snapshot/v3_snapshot.go:73",
    msg: "fetching snapshot",
    fields: [["endpoint", endpoints[0]]],
  });
  stderr += zapLine({
    level: "info",
    ...stamp(40),
    logger: "client",
    caller: `v3@v${VERSION}/maintenance.go:220`,
    msg: "completed snapshot read; closing",
  });
  stderr += zapLine({
    level: "info",
    ...stamp(41),
    caller: "snapshot/v3_snapshot.go:88",
    msg: "fetched snapshot",
    fields: [
      ["endpoint", endpoints[0]],
      ["size", humanBytes(size)],
      ["took", "now"],
    ],
  });
  ctx.fs.remove(ctx.resolve(part));
  ctx.fs.writeFile(ctx.resolve(path), snapshotFileText(VERSION, size, keys.length), 0o600);
  stderr += zapLine({ level: "info", ...stamp(42), caller: "snapshot/v3_snapshot.go:97", msg: "saved", fields: [["path", path]] });
  return out(`Snapshot saved at ${path}\n`, stderr);
}
