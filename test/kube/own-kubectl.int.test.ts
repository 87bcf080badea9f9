/**
 * Issue 16 end to end: real kubectl v1.32, with the kubeconfig the lab page hands out, against
 * the production server on the app's own port. It creates a deployment, watches it roll out,
 * reads logs, sees the browser terminal's changes live and the terminal sees its own, survives
 * a kill -9 of the server, and is refused for another learner's cluster, after Pro ends, and
 * after its token is revoked.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { runOracle, type OracleOutcome } from "../../lib/testing/__tests__/run-oracle";
import { requireOracle } from "../../lib/testing/oracles";
import { signUpLearner, withTestServer, type Learner } from "../harness";
import { HttpClient } from "../http-client";
import { TEST_ADMIN } from "../server";
import { openLiveTerminal } from "../terminal-client";

const KUBECTL = requireOracle("kubectl");
const h = withTestServer({ env: { TERMINAL_RECHECK_MS: "1000" } });
const dir = mkdtempSync(join(tmpdir(), "kubeyard-own-kubectl-"));
const PROMPT = "controlplane:~$ ";
/** kubectl's cache (discovery) goes to a HOME of its own */
const ENV = { ...process.env, HOME: dir };

interface Handout {
  id: string;
  token: string;
  clusterId: string;
  server: string;
  kubeconfig: string;
}

let a: Learner;
let b: Learner;
let handout: Handout;
let config: string;

async function handOut(learner: Learner, name: string): Promise<{ h: Handout; path: string }> {
  const res = await learner.client.postJson("/api/kube-tokens", { course: "kubernetes-pki" });
  expect(res.status, await res.clone().text()).toBe(201);
  const got = (await res.json()) as Handout;
  const path = join(dir, name);
  writeFileSync(path, got.kubeconfig, { mode: 0o600 });
  return { h: got, path };
}

function kubectl(kubeconfig: string, ...args: string[]): Promise<OracleOutcome> {
  if (!KUBECTL) throw new Error("no kubectl oracle");
  return runOracle(KUBECTL, ["--kubeconfig", kubeconfig, ...args], { env: ENV });
}

/** A long-running kubectl (get -w, logs -f): its output so far, a way to wait for a pattern, and stop. */
function follow(kubeconfig: string, ...args: string[]) {
  if (!KUBECTL) throw new Error("no kubectl oracle");
  const child = spawn(KUBECTL, ["--kubeconfig", kubeconfig, ...args], { env: ENV });
  let out = "";
  const waiters = new Set<() => void>();
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
    waiters.forEach((w) => w());
  });
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? -1)));
  return {
    output: () => out,
    exited,
    /** until the output matches `want` (a pattern, or a test of the whole output) */
    waitFor: (want: RegExp | ((out: string) => boolean), timeoutMs = 20_000) =>
      new Promise<string>((resolve, reject) => {
        const check = () => {
          if (!(typeof want === "function" ? want(out) : want.test(out))) return;
          waiters.delete(check);
          clearTimeout(t);
          resolve(out);
        };
        const t = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${String(want)}; kubectl printed:\n${out}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    stop: () => child.kill("SIGINT"),
  };
}

beforeAll(async () => {
  a = await signUpLearner(h, "laptop", { pro: true });
  b = await signUpLearner(h, "other", { pro: true });
  ({ h: handout, path: config } = await handOut(a, "a.yaml"));
});

describe("the kubeconfig the lab page hands out", () => {
  it("points at the app's own host and port under /k8s/<cluster-id> over TLS, with a bearer token and the local certificate", () => {
    const doc = parseYaml(handout.kubeconfig) as {
      clusters: { cluster: Record<string, unknown> }[];
      users: { user: Record<string, unknown> }[];
      "current-context": string;
    };
    // the test server is plain http: kubectl sends a token only over TLS, so the same port speaks it too
    expect(doc.clusters[0].cluster.server).toBe(`${h.url.replace(/^http:/, "https:")}/k8s/${handout.clusterId}`);
    expect(doc.users[0].user.token).toBe(handout.token);
    const ca = Buffer.from(String(doc.clusters[0].cluster["certificate-authority-data"]), "base64").toString();
    expect(ca).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(doc["current-context"]).toMatch(/kubernetes-pki/);
  });

  it("is the cluster's admin, as admin.conf is", async () => {
    const r = await kubectl(config, "auth", "whoami", "-o", "jsonpath={.status.userInfo.username} {.status.userInfo.groups}");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe('kubernetes-admin ["kubeadm:cluster-admins","system:authenticated"]');
  });
});

describe("real kubectl on the learner's cluster", () => {
  it("creates a deployment, watches it roll out and reads its logs", async () => {
    const created = await kubectl(config, "create", "deployment", "web", "--image=nginx", "--replicas=2");
    expect(created).toEqual({ stdout: "deployment.apps/web created\n", stderr: "", status: 0 });
    const rollout = await kubectl(config, "rollout", "status", "deployment/web", "--timeout=90s");
    expect(rollout.stderr).toBe("");
    expect(rollout.stdout).toMatch(/deployment "web" successfully rolled out\n$/);
    expect(rollout.status).toBe(0);
    const pods = await kubectl(config, "get", "pods", "-l", "app=web", "-o", "name");
    const names = pods.stdout.trim().split("\n");
    expect(names).toHaveLength(2);
    const logs = await kubectl(config, "logs", names[0]);
    expect(logs.stderr).toBe("");
    expect(logs.status).toBe(0);
    // the same lines the browser terminal's kubectl prints for the same pod
    const t = await openLiveTerminal(h.url, { cookie: a.cookie() });
    t.type(`kubectl logs ${names[0]}\r`);
    const inTerminal = await t.waitFor(PROMPT);
    t.close();
    expect(logs.stdout.length).toBeGreaterThan(0);
    expect(inTerminal.replace(/\r\n/g, "\n")).toContain(logs.stdout);
  });

  it("sees the browser terminal's changes live, and the terminal sees the laptop's", async () => {
    const t = await openLiveTerminal(h.url, { cookie: a.cookie() });
    // the laptop watches the two web pods; the terminal scales to three: the third arrives on the open watch
    const watch = follow(config, "get", "pods", "-w", "-l", "app=web");
    await watch.waitFor(/NAME[^\n]*\n(web-\S+[^\n]*\n){2}/);
    t.type("kubectl scale deployment web --replicas=3\r");
    expect(await t.waitFor(PROMPT)).toContain("deployment.apps/web scaled");
    const pods = (out: string) => new Set(out.match(/^web-[a-z0-9]+-[a-z0-9]{5}(?= )/gm));
    expect(pods(await watch.waitFor((out) => pods(out).size === 3)).size).toBe(3);
    watch.stop();
    await watch.exited;
    // the terminal watches; the laptop creates
    t.type("kubectl get pods -w -l run=from-laptop\r");
    // its echo means the line is running: the laptop's request queues behind it, so the row comes from the running watch
    await t.waitFor("kubectl get pods -w -l run=from-laptop\r\n");
    expect((await kubectl(config, "run", "from-laptop", "--image=nginx")).stdout).toBe("pod/from-laptop created\n");
    await t.waitFor(/from-laptop\s+0\/1\s+Pending/, 10_000);
    t.type("\x03");
    await t.waitFor(PROMPT);
    t.close();
  });

  it("keeps what the laptop changed across a kill -9 of the server", async () => {
    expect((await kubectl(config, "create", "configmap", "durable", "--from-literal=k=v")).status).toBe(0);
    await h.restartServer({ kill: true });
    const r = await kubectl(config, "get", "configmap", "durable", "-o", "jsonpath={.data.k}");
    expect(r).toEqual({ stdout: "v", stderr: "", status: 0 });
  });
});

describe("refusals", () => {
  it("answers another learner's cluster with 404, as a path that does not exist", async () => {
    const other = await handOut(b, "b.yaml");
    const foreign = join(dir, "foreign.yaml");
    // a's token, b's cluster
    writeFileSync(foreign, other.h.kubeconfig.replace(other.h.token, handout.token), { mode: 0o600 });
    const r = await kubectl(foreign, "get", "pods");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("the server could not find the requested resource");
    // and b's own token works on b's cluster, which has none of a's pods
    expect((await kubectl(other.path, "get", "deploy")).stderr).toBe("No resources found in default namespace.\n");
  });

  it("is not reachable without a token or outside the prefix", async () => {
    const bare = await fetch(`${h.url}/k8s/${handout.clusterId}/api/v1/namespaces/default/pods`);
    expect(bare.status).toBe(401);
    expect(bare.headers.get("access-control-allow-origin")).toBeNull();
    const outside = await fetch(`${h.url}/k8s/`, { headers: { authorization: `Bearer ${handout.token}` } });
    expect(outside.status).toBe(404);
  });

  it("paces one learner: past 8 requests in flight the rest are told to slow down, and none of them fails otherwise", async () => {
    // plain http on the same port: the gateway is the same, only kubectl insists on TLS
    const url = `${h.url}/k8s/${handout.clusterId}/api/v1/namespaces/default/configmaps`;
    const statuses = await Promise.all(
      Array.from({ length: 40 }, () => fetch(url, { headers: { authorization: `Bearer ${handout.token}` } }).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 429 && s !== 200)).toEqual([]);
  });

  it("answers kubectl exec with the apiserver's explanation instead of a stream", async () => {
    expect((await kubectl(config, "run", "to-exec", "--image=nginx")).status).toBe(0);
    const r = await kubectl(config, "exec", "to-exec", "--", "ls");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/browser terminal/);
  });

  it("is refused while the learner has no Pro, with a message saying why", async () => {
    const admin = new HttpClient(h.url);
    expect(await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password)).toBeNull();
    const other = await handOut(b, "b-pro.yaml");
    expect((await admin.postJson("/api/admin/users/pro", { action: "revoke", userId: b.id })).status).toBe(200);
    const r = await kubectl(other.path, "get", "pods");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Kubeyard Pro has ended for this account");
  });

  it("is refused once the token is revoked", async () => {
    const watch = follow(config, "get", "pods", "-w");
    await watch.waitFor(/NAME/);
    const res = await a.client.request(`/api/kube-tokens/${handout.id}`, { method: "DELETE", json: {} });
    expect(res.status).toBe(200);
    const r = await kubectl(config, "get", "pods");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error: You must be logged in to the server (Unauthorized)");
    // an open watch ends within its re-check (1 s here), and kubectl cannot start another
    const ended = await Promise.race([watch.exited.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 15_000))]);
    if (!ended) watch.stop();
    expect(ended, watch.output()).toBe(true);
  });
});
