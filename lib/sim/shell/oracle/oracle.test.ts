/**
 * The shell oracle: every corpus line runs in the simulator and in real bash 5 with GNU tools,
 * mawk and jq, on the same files, and must give the same stdout, stderr and exit code.
 *
 * Real side: `bash -O expand_aliases -c LINE` in a temporary directory holding the fixtures
 * (mtimes set to the simulator's clock), stdin from /dev/null, LC_ALL=C.UTF-8, TZ=UTC, an
 * environment of its own (HOME=/root, USER=root, PATH, SHELL, TERM, HOSTNAME).
 *
 * Normalisations (each one a difference of invocation, not of behaviour):
 *  1. `bash -c` prefixes its own messages with `bash: line N: ` (and syntax errors with
 *     `bash: -c: line N: ` plus an echo of the line); the simulator is an interactive shell, which
 *     prints `bash: ` only. The real stderr is rewritten to the interactive form.
 *  2. The real working directory is a temporary path; it is replaced by the simulator's /root/work.
 * Under CI=true a missing bash, mawk, sed, grep or jq fails the suite instead of skipping it.
 */
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_NOW } from "../../core/testing";
import { CORPUS } from "./corpus";
import { EXECUTABLE, FIXTURES } from "./fixtures";
import { runInSim, WORK } from "./sim-runner";

const ORACLES = ["/bin/bash", "/usr/bin/mawk", "/bin/sed", "/bin/grep", "/usr/bin/jq", "/usr/bin/diff", "/usr/bin/find"];
const missing = ORACLES.filter((p) => !existsSync(p));
if (missing.length && process.env.CI === "true") throw new Error(`shell oracle: missing ${missing.join(", ")} (required under CI=true)`);

const root = missing.length ? "" : mkdtempSync(join(tmpdir(), "kubeyard-shell-oracle-"));
afterAll(() => root && rmSync(root, { recursive: true, force: true }), 60_000);
let n = 0;
const ENV = {
  NODE_ENV: "test" as const,
  PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
  HOME: "/root",
  USER: "root",
  LANG: "C.UTF-8",
  LC_ALL: "C.UTF-8",
  TZ: "UTC",
  SHELL: "/bin/bash",
  TERM: "xterm-256color",
  HOSTNAME: "controlplane",
};

interface Outcome {
  stdout: string;
  stderr: string;
  code: number;
}

function fixtureDir(): string {
  const dir = join(root, String(n++));
  for (const [p, c] of Object.entries(FIXTURES)) {
    mkdirSync(join(dir, p, ".."), { recursive: true });
    writeFileSync(join(dir, p), c);
    if (EXECUTABLE.has(p)) chmodSync(join(dir, p), 0o755);
  }
  const t = TEST_NOW / 1000;
  const dirs = new Set(
    Object.keys(FIXTURES).flatMap((p) =>
      p
        .split("/")
        .slice(0, -1)
        .map((_, i, a) => a.slice(0, i + 1).join("/")),
    ),
  );
  for (const p of [...Object.keys(FIXTURES), ...dirs]) utimesSync(join(dir, p), t, t);
  return dir;
}

/** One line in real bash, in a fresh copy of the fixtures; the directory is removed afterwards. */
function realBash(line: string): Promise<Outcome> {
  const dir = fixtureDir();
  return new Promise((resolve) => {
    // stdin is /dev/null, not a socket: bash reads ~/.bashrc when stdin is a socket (Debian's SSH_SOURCE_BASHRC)
    const child = spawn("/bin/bash", ["-O", "expand_aliases", "-c", line], {
      argv0: "bash",
      cwd: dir,
      env: ENV,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("close", (code) => {
      rmSync(dir, { recursive: true, force: true });
      const fix = (s: string) => s.split(dir).join(WORK);
      resolve({
        stdout: fix(stdout),
        stderr: fix(stderr)
          .replace(/^bash: -c: line \d+: `.*'\n/gm, "")
          .replace(/^bash: (-c: )?line \d+: /gm, "bash: "),
        code: code ?? -1,
      });
    });
  });
}

/** Every line's real outcome, several bash processes at a time. */
async function allReal(lines: string[], parallel: number): Promise<Map<string, Outcome>> {
  const out = new Map<string, Outcome>();
  let next = 0;
  const worker = async () => {
    while (next < lines.length) {
      const line = lines[next++];
      out.set(line, await realBash(line));
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return out;
}

describe.skipIf(missing.length > 0)("shell oracle: the corpus against real bash 5, GNU tools, mawk and jq", () => {
  let real = new Map<string, Outcome>();
  beforeAll(async () => {
    real = await allReal(
      CORPUS.map((e) => e.line),
      6,
    );
  }, 900_000);

  it("has at least 300 lines, each with its source", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(300);
    for (const e of CORPUS) expect(e.from).toBeTruthy();
    expect(new Set(CORPUS.map((e) => e.line)).size).toBe(CORPUS.length);
  });

  it.each(CORPUS.map((e) => [e.line, e]))("%s", async (_line, e) => {
    const sim = await runInSim(e.line, FIXTURES);
    expect({ stdout: sim.stdout, stderr: sim.stderr, code: sim.code }).toEqual(real.get(e.line));
  });
});
