/**
 * kubectl edit's file, judged by real kubectl v1.32: real kubectl against sim:api and the
 * simulator's kubectl on the same cluster must write the same temporary file (edit's header and
 * the object as get -o yaml prints it), and after an edit the apiserver refuses, the same reopened
 * file (the reasons as comments on top, the edit kept without its comments). The real one's
 * editor is a script that keeps a copy of the file of each pass and makes the edit with sed.
 */
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeterministicKeySource } from "../sim/keys/deterministic-key-source";
import { Simulator } from "../sim/simulator";
import { requireOracle } from "../testing/oracles";
import { startSimApi, type SimApi } from "./server";

const KUBECTL = requireOracle("kubectl");
const NOW = Math.floor(Date.now() / 1000) * 1000;
const dir = mkdtempSync(join(tmpdir(), "kubeyard-edit-"));
let sim: Simulator;
let api: SimApi;

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;

function realKubectl(args: string[], editor: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const env = {
      HOME: join(dir, "home"),
      KUBECONFIG: join(dir, "kubeconfig"),
      PATH: process.env.PATH ?? "",
      KUBE_EDITOR: editor,
      PASSES: join(dir, "passes"),
    };
    const child = spawn(KUBECTL ?? "", args, { env: env as unknown as NodeJS.ProcessEnv });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ stdout, stderr, code }));
  });
}

/** An editor for real kubectl: copies the file of each pass to $PASSES/N.yaml, then runs sed on it the first time. */
function editorScript(sed: string): string {
  const path = join(dir, `editor-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(path, `#!/bin/sh\nn=$(ls "$PASSES" | wc -l)\ncp "$1" "$PASSES/$n.yaml"\n[ "$n" = 0 ] && sed -i '${sed}' "$1"\nexit 0\n`);
  chmodSync(path, 0o755);
  return path;
}

/** The simulator's kubectl edit: the file it opened, and the screen-free editor keys that make the same edit. */
async function simulated(line: string, keys: string[]): Promise<{ files: string[]; transcript: string }> {
  const files: string[] = [];
  const file = () => {
    const node = sim.state.fs[sim.state.editor?.launch.file ?? ""];
    return node?.type === "file" ? node.content : "";
  };
  const r = await sim.exec(line, { cols: 120, rows: 40 });
  expect(r.mode).toBe("raw");
  let transcript = "";
  for (const k of keys) {
    files.push(file());
    const step = await sim.editorInput(k);
    if (step.ended) transcript = step.ended.transcript;
  }
  return { files, transcript };
}

describe.skipIf(!KUBECTL)("kubectl edit against real kubectl v1.32", () => {
  beforeAll(async () => {
    sim = await Simulator.create({ clock: { now: () => NOW }, keys: new DeterministicKeySource(12), seed: 12, ageMs: 86_400_000 });
    api = await startSimApi({ cluster: sim, port: 0 });
    mkdirSync(join(dir, "home"));
    writeFileSync(join(dir, "kubeconfig"), api.kubeconfig());
    writeFileSync(join(dir, "web.yaml"), WEB);
    expect((await sim.exec(`cat > web.yaml <<'EOF'\n${WEB}EOF\nkubectl apply -f web.yaml`)).output).toBe("deployment.apps/web created\n");
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes the same file, and an unchanged file is cancelled the same way", async () => {
    rmSync(join(dir, "passes"), { recursive: true, force: true });
    mkdirSync(join(dir, "passes"));
    const real = await realKubectl(["edit", "deployment", "web"], editorScript("s/^nothing$//"));
    expect(real.code).toBe(0);
    const ours = await simulated("kubectl edit deployment web", [":q\r"]);
    expect(ours.files[0]).toBe(readFileSync(join(dir, "passes", "0.yaml"), "utf8"));
    expect(ours.transcript).toBe(real.stdout + real.stderr);
  });

  it("reopens an edit the apiserver refuses with the same comments, and cancels the same way when it is saved unchanged", async () => {
    rmSync(join(dir, "passes"), { recursive: true, force: true });
    mkdirSync(join(dir, "passes"));
    const real = await realKubectl(["edit", "deployment", "web"], editorScript("s/replicas: 1$/replicas: -1/"));
    const ours = await simulated("kubectl edit deployment web", [":%s/replicas: 1$/replicas: -1/\r", ":wq\r", ":wq\r"]);
    expect(existsSync(join(dir, "passes", "1.yaml"))).toBe(true);
    expect(ours.files[2]).toBe(readFileSync(join(dir, "passes", "1.yaml"), "utf8"));
    // the temporary file's random number differs, and its prefix is the binary's name (the oracle's is versioned); nothing else may
    const name = (s: string) => s.replace(/kubectl(-v[\d.]+)?-edit-\d+\.yaml/g, "kubectl-edit-N.yaml");
    expect(name(ours.transcript)).toBe(name(real.stderr.replace(/^error: deployments\.apps "web" is invalid\n/, "")));
    expect(real.stderr).toMatch(/^error: deployments\.apps "web" is invalid\n/);
  });

  it("applies a change the same way and prints the same", async () => {
    rmSync(join(dir, "passes"), { recursive: true, force: true });
    mkdirSync(join(dir, "passes"));
    const real = await realKubectl(["edit", "deployment", "web"], editorScript("s/nginx:1.27/nginx:1.28/"));
    expect([real.stdout, real.stderr, real.code]).toEqual(["deployment.apps/web edited\n", "", 0]);
    const image = "kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'";
    expect((await sim.exec(image)).output).toBe("nginx:1.28");
    const ours = await simulated("kubectl edit deployment web", [":%s/nginx:1.28/nginx:1.29/\r", ":wq\r"]);
    expect(ours.transcript).toBe(real.stdout);
    expect((await sim.exec(image)).output).toBe("nginx:1.29");
  });
});
