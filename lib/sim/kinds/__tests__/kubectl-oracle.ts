/**
 * Test support: real kubectl v1.32 as the judge of describers and tables. A minimal HTTP API
 * (legacy discovery, GET of objects, lists with label and field selectors, Tables from the
 * kinds' TableDefs, Status errors) serves a World on 127.0.0.1; kubectl is pointed at it with
 * a throwaway kubeconfig. Under CI=true a missing kubectl fails the suite; elsewhere the
 * oracle tests are skipped.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requireOracle } from "../../../testing/oracles";
import type { KObject, Table } from "../../api/types";
import type { ResourceInfo } from "../types";
import { DEFAULT_TABLE } from "../_shared/table";
import { fieldSelectorMatches, fieldsOf, labelSelectorMatches, listIn, type World } from "./world";

/** The pinned kubectl v1.32 (lib/testing/oracles.ts); absent outside CI means the oracle tests skip. */
export const KUBECTL = requireOracle("kubectl") ?? "";
export const HAVE_KUBECTL = KUBECTL !== "";

type ExecError = import("node:child_process").ExecFileException | null;

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** A minimal environment for kubectl: no host KUBECONFIG, proxies or locale leak into the oracle. */
function cleanEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NODE_ENV: "test", PATH: "/usr/bin:/bin", ...vars };
  return env;
}

const gv = (i: ResourceInfo): string => (i.group ? `${i.group}/${i.version}` : i.version);

function status(code: number, reason: string, message: string, details: Record<string, string> = {}): Record<string, unknown> {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, details, code };
}

function resourceList(world: World, groupVersion: string): Record<string, unknown> {
  const resources = world.infos
    .filter((i) => gv(i) === groupVersion)
    .flatMap((i) => [
      {
        name: i.resource,
        singularName: i.singular,
        namespaced: i.namespaced,
        kind: i.kind,
        verbs: i.verbs,
        ...(i.shortNames.length ? { shortNames: i.shortNames } : {}),
        ...(i.categories?.length ? { categories: i.categories } : {}),
      },
      ...(i.subresources ?? []).map((s) => ({
        name: `${i.resource}/${s.name}`,
        singularName: "",
        namespaced: i.namespaced,
        kind: s.kind ?? i.kind,
        verbs: s.verbs,
      })),
    ]);
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion, resources };
}

function groupList(world: World): Record<string, unknown> {
  const groups = [...new Set(world.infos.filter((i) => i.group).map(gv))].map((v) => {
    const [name, version] = v.split("/");
    return { name, versions: [{ groupVersion: v, version }], preferredVersion: { groupVersion: v, version } };
  });
  return { kind: "APIGroupList", apiVersion: "v1", groups };
}

function table(world: World, info: ResourceInfo, objects: KObject[], now: number): Table {
  const def = world.kinds.find((k) => k.resource === info)?.table ?? DEFAULT_TABLE;
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: { resourceVersion: "1" },
    columnDefinitions: def.columns,
    rows: objects.flatMap((o) =>
      def.rows(o, { now }).map((cells) => ({
        cells,
        object: { kind: "PartialObjectMetadata" as const, apiVersion: "meta.k8s.io/v1" as const, metadata: o.metadata },
      })),
    ),
  };
}

function handle(world: World, now: number, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? "/", "http://x");
  const send = (code: number, body: unknown) => {
    res.writeHead(code, { "Content-Type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const p = url.pathname.replace(/\/$/, "");
  if (p === "/version") return send(200, { major: "1", minor: "32", gitVersion: "v1.32.4", platform: "linux/amd64" });
  if (p === "/api") return send(200, { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [] });
  if (p === "/apis") return send(200, groupList(world));
  const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(p);
  if (!m) return send(404, status(404, "NotFound", "the server could not find the requested resource"));
  const groupVersion = m[1] ?? `${m[2]}/${m[3]}`;
  const [ns, resource, name] = [m[4], m[5], m[6]];
  if (!resource) return send(200, resourceList(world, groupVersion));
  const info = world.infos.find((i) => gv(i) === groupVersion && i.resource === resource);
  if (!info) return send(404, status(404, "NotFound", "the server could not find the requested resource"));
  const qualified = info.group ? `${resource}.${info.group}` : resource;
  const asTable = (req.headers.accept ?? "").includes("as=Table");
  if (name) {
    const obj = listIn(world, info, info.namespaced ? ns : undefined).find((o) => o.metadata.name === name);
    if (!obj) return send(404, status(404, "NotFound", `${qualified} "${name}" not found`, { name, kind: resource }));
    return send(200, asTable ? table(world, info, [obj], now) : obj);
  }
  const ls = url.searchParams.get("labelSelector") ?? "";
  const fs = url.searchParams.get("fieldSelector") ?? "";
  const items = listIn(world, info, info.namespaced ? ns : undefined).filter(
    (o) => labelSelectorMatches(o, ls) && fieldSelectorMatches(fieldsOf(world, o), fs),
  );
  if (asTable) return send(200, table(world, info, items, now));
  send(200, { kind: `${info.kind}List`, apiVersion: groupVersion, metadata: { resourceVersion: "1" }, items });
}

/** Serves `world` to real kubectl for the duration of `fn`; `kubectl(args)` runs it against the server. */
export async function withKubectl(
  world: World,
  now: number,
  fn: (kubectl: (...args: string[]) => Promise<KubectlResult>) => Promise<void>,
): Promise<void> {
  const server = createServer((req, res) => handle(world, now, req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const dir = mkdtempSync(join(tmpdir(), "kinds-oracle-"));
  const kubeconfig = join(dir, "config");
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: sim\n  cluster:\n    server: http://127.0.0.1:${port}\ncontexts:\n- name: sim\n  context:\n    cluster: sim\n    user: sim\n    namespace: default\ncurrent-context: sim\nusers:\n- name: sim\n  user: {}\n`,
  );
  const kubectl = (...args: string[]) =>
    new Promise<KubectlResult>((resolve) => {
      execFile(
        KUBECTL,
        ["--kubeconfig", kubeconfig, "--cache-dir", join(dir, "cache"), ...args],
        { env: cleanEnv({ HOME: dir, TZ: "UTC" }), encoding: "utf8" },
        (err: ExecError, stdout: string, stderr: string) =>
          resolve({ stdout, stderr, code: err ? (typeof err.code === "number" ? err.code : 1) : 0 }),
      );
    });
  try {
    await fn(kubectl);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Real kubectl's client-side output for a generator, e.g. `create deployment web --image=nginx --dry-run=client -o json`. */
export function kubectlClient(...args: string[]): Promise<KubectlResult> {
  return new Promise((resolve) => {
    execFile(
      KUBECTL,
      args,
      { env: cleanEnv({ HOME: tmpdir(), KUBECONFIG: "/nonexistent" }), encoding: "utf8" },
      (err: ExecError, stdout: string, stderr: string) =>
        resolve({ stdout, stderr, code: err ? (typeof err.code === "number" ? err.code : 1) : 0 }),
    );
  });
}

/**
 * The describer's output for `obj` and real kubectl's `describe <resource> <name>` over the same
 * world, with and without events; both must be byte-identical.
 */
export async function describeBothWays(
  world: World,
  now: number,
  describe: (o: KObject, ctx: import("../types").DescribeContext) => string,
  obj: KObject,
  resourceArg: string,
): Promise<{ ours: string; real: KubectlResult; oursNoEvents: string; realNoEvents: KubectlResult }> {
  const { describeContext } = await import("./world");
  let real: KubectlResult = { stdout: "", stderr: "", code: -1 };
  let realNoEvents = real;
  await withKubectl(world, now, async (kubectl) => {
    const ns = obj.metadata.namespace ? ["-n", obj.metadata.namespace] : [];
    real = await kubectl("describe", resourceArg, obj.metadata.name, ...ns);
    realNoEvents = await kubectl("describe", resourceArg, obj.metadata.name, ...ns, "--show-events=false");
  });
  return {
    ours: describe(obj, describeContext(world, now)),
    real,
    oursNoEvents: describe(obj, describeContext(world, now, false)),
    realNoEvents,
  };
}

/** kubectl's column output as cells (columns are separated by two or more spaces; empty cells merge gaps). */
export const cells = (stdout: string): string[][] =>
  stdout
    .trimEnd()
    .split("\n")
    .map((l) => l.split(/ {2,}/));
