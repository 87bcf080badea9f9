/**
 * sim:api as a server: TLS with the cluster's own apiserver certificate, x509 client
 * authentication at the cluster's clock (admin, anonymous, an expired certificate's 401), the
 * streaming commands real kubectl runs against it (get -w, wait), and `npm run sim:api` saving
 * what real kubectl changed into the state file, where the simulator's kubectl sees it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { DeterministicKeySource } from "../sim/keys/deterministic-key-source";
import { Simulator } from "../sim/simulator";
import { requireOracle } from "../testing/oracles";
import { startSimApi, type SimApi } from "./server";

const KUBECTL = requireOracle("kubectl");
const NOW = Math.floor(Date.now() / 1000) * 1000;
const dir = mkdtempSync(join(tmpdir(), "kubeyard-sim-api-"));
let sim: Simulator;
let api: SimApi;
let admin: { ca: string; cert: string; key: string };

interface Ran {
  stdout: string;
  stderr: string;
  code: number | null;
}

function kubectl(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(KUBECTL ?? "", args, {
      env: {
        HOME: join(dir, "home"),
        KUBECONFIG: join(dir, "kubeconfig"),
        PATH: process.env.PATH ?? "",
        ...env,
      } as unknown as NodeJS.ProcessEnv,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ stdout, stderr, code }));
  });
}

/** A GET with Node's TLS client, checking the server as kubectl does (cluster CA, name "kubernetes"). */
function get(path: string, client?: { cert: string; key: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: api.port, path, ca: admin.ca, servername: "kubernetes", ...(client ?? {}) }, (res) => {
      let body = "";
      res.on("data", (b: Buffer) => (body += b.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Resolves once `child`'s stdout holds `text`. */
function waitFor(child: ChildProcess, seen: () => string, text: string | RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => (typeof text === "string" ? seen().includes(text) : text.test(seen())) && resolve();
    child.stdout?.on("data", check);
    child.on("close", () => reject(new Error(`exited before printing ${String(text)}: ${seen()}`)));
    check();
  });
}

describe.skipIf(!KUBECTL)("sim:api with real kubectl", () => {
  beforeAll(async () => {
    sim = await Simulator.create({ clock: { now: () => NOW }, keys: new DeterministicKeySource(11), seed: 11, ageMs: 86_400_000 });
    api = await startSimApi({ cluster: sim, port: 0 });
    mkdirSync(join(dir, "home"));
    writeFileSync(join(dir, "kubeconfig"), api.kubeconfig());
    const kc = parseYaml(api.kubeconfig()) as {
      clusters: { cluster: Record<string, string> }[];
      users: { user: Record<string, string> }[];
    };
    const b64 = (s: string) => Buffer.from(s, "base64").toString("utf8");
    admin = {
      ca: b64(kc.clusters[0].cluster["certificate-authority-data"]),
      cert: b64(kc.users[0].user["client-certificate-data"]),
      key: b64(kc.users[0].user["client-key-data"]),
    };
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes a kubeconfig from admin.conf that points at the listener with a name the certificate has", () => {
    const kc = parseYaml(api.kubeconfig()) as { clusters: { cluster: Record<string, string> }[]; "current-context": string };
    expect(kc.clusters[0].cluster.server).toBe(`https://127.0.0.1:${api.port}`);
    expect(kc.clusters[0].cluster["tls-server-name"]).toBe("kubernetes");
    expect(kc["current-context"]).toBe("kubernetes-admin@kubernetes");
  });

  it("authenticates client certificates at the cluster's clock", async () => {
    const asAdmin = await get("/api/v1/namespaces", { cert: admin.cert, key: admin.key });
    expect(asAdmin.status).toBe(200);
    const anonymous = await get("/api/v1/namespaces");
    expect(anonymous.status).toBe(403);
    expect(JSON.parse(anonymous.body)).toMatchObject({
      message: 'namespaces is forbidden: User "system:anonymous" cannot list resource "namespaces" in API group "" at the cluster scope',
    });
    // a year and a day later the admin certificate has expired (the serving one is checked by the client, at its own clock)
    sim.advanceClock(366 * 86_400_000);
    try {
      const expired = await get("/api/v1/namespaces", { cert: admin.cert, key: admin.key });
      expect([expired.status, JSON.parse(expired.body)]).toEqual([
        401,
        { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: "Unauthorized", reason: "Unauthorized", code: 401 },
      ]);
      const r = await kubectl(["get", "pods"]);
      expect(r.code).toBe(1);
      expect(r.stderr.split("\n").filter((l) => !/^E\d{4} /.test(l))).toEqual([
        "error: You must be logged in to the server (the server has asked for the client to provide credentials)",
        "",
      ]);
    } finally {
      sim.advanceClock(-366 * 86_400_000);
    }
  });

  it("is the cluster admin for real kubectl, with the credential id as the simulator shows it", async () => {
    const real = await kubectl(["auth", "whoami"]);
    const simulated = await sim.exec("kubectl auth whoami");
    expect(real.stdout).toBe(simulated.output);
    expect(real.stdout).toMatch(
      /^ATTRIBUTE +VALUE\nUsername +kubernetes-admin\nGroups +\[kubeadm:cluster-admins system:authenticated\]\nExtra: authentication.kubernetes.io\/credential-id +\[X509SHA256=[0-9a-f]{64}\]\n$/,
    );
  });

  it("streams `kubectl get -w` and answers `kubectl wait`", async () => {
    const child = spawn(KUBECTL ?? "", ["get", "namespaces", "--watch"], {
      env: { HOME: join(dir, "home"), KUBECONFIG: join(dir, "kubeconfig"), PATH: process.env.PATH ?? "" } as unknown as NodeJS.ProcessEnv,
    });
    let out = "";
    child.stdout.on("data", (b: Buffer) => (out += b.toString()));
    try {
      await waitFor(child, () => out, "kube-system");
      expect((await kubectl(["create", "namespace", "watched"])).stdout).toBe("namespace/watched created\n");
      await waitFor(child, () => out, "watched");
      expect((await kubectl(["delete", "namespace", "watched", "--wait=false"])).code).toBe(0);
      // the NAME column is as wide as the longest namespace name in the first list (local-path-storage)
      await waitFor(child, () => out, /\nwatched +Terminating/);
      expect(out.split("\n")[0]).toMatch(/^NAME +STATUS +AGE$/);
    } finally {
      child.kill();
    }
    const waited = await kubectl(["wait", "--for=condition=Ready", "node/controlplane", "--timeout=60s"]);
    expect([waited.stdout, waited.code]).toEqual(["node/controlplane condition met\n", 0]);
    const gone = await kubectl(["wait", "--for=delete", "namespace/watched", "--timeout=60s"]);
    expect(gone.code).toBe(0);
  }, 120_000);

  it("npm run sim:api saves what real kubectl changed, for the simulator's kubectl to see", async () => {
    const state = join(dir, "state.json");
    writeFileSync(state, JSON.stringify(sim.serialize()));
    const clock = new Date(NOW).toISOString();
    const server = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/sim-api.ts",
        "--state",
        state,
        "--port",
        "0",
        "--kubeconfig-out",
        join(dir, "cli.conf"),
        "--clock",
        clock,
      ],
      { cwd: process.cwd() },
    );
    let out = "";
    server.stdout.on("data", (b: Buffer) => (out += b.toString()));
    try {
      await waitFor(server, () => out, "kubeconfig:");
      const made = await kubectl(["create", "namespace", "from-real-kubectl"], { KUBECONFIG: join(dir, "cli.conf") });
      expect(made.stdout).toBe("namespace/from-real-kubectl created\n");
    } finally {
      server.kill("SIGTERM");
      await new Promise((r) => server.on("close", r));
    }
    const reloaded = Simulator.restore(JSON.parse(readFileSync(state, "utf8")), {
      clock: { now: () => Date.parse(clock) },
      keys: new DeterministicKeySource(11),
    });
    const r = await reloaded.exec("kubectl get namespace from-real-kubectl -o jsonpath='{.status.phase}'");
    expect(r.output).toBe("Active");
  }, 120_000);
});
