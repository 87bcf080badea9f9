/** `openssl rand` against real OpenSSL 3.0: the same errors and exit codes, the same output layout. */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { requireOracle } from "../../../testing/oracles";
import { run, testEngine, testState } from "../../core/testing";
import { openssl } from ".";

const OPENSSL = requireOracle("openssl");

function real(args: string[]): { output: string; exitCode: number } {
  const r = spawnSync(OPENSSL ?? "openssl", args, { encoding: "utf8" });
  return { output: r.stdout + r.stderr, exitCode: r.status ?? -1 };
}

const engine = (seed = 42) => {
  const state = testState();
  state.rng = [seed, seed * 3, seed * 7, seed * 11];
  return testEngine({ state, commands: [openssl] });
};

describe.skipIf(!OPENSSL)("openssl rand", () => {
  const lines = ["rand", "rand -hex abc", "rand -bogus 3", "rand -hex 0", "rand -hex 8 9", "rand -hex -1", "rand -out", "rand -hex 1k"];
  it.each(lines)("openssl %s: the real texts and exit code", async (line) => {
    const { output, exitCode } = await run(engine(), `openssl ${line}`);
    expect({ output, exitCode }).toEqual(real(line.split(" ")));
  });

  it("prints num bytes as hex, and as base64 broken at 64 characters as the real tool does", async () => {
    const hex = (await run(engine(), "openssl rand -hex 16")).output;
    expect(hex).toMatch(/^[0-9a-f]{32}\n$/);
    const b64 = (await run(engine(), "openssl rand -base64 100")).output;
    const shape = (s: string) => s.split("\n").map((l) => l.length);
    expect(shape(b64)).toEqual(shape(real(["rand", "-base64", "100"]).output));
    expect(Buffer.from(b64.replace(/\n/g, ""), "base64")).toHaveLength(100);
  });

  it("draws from the cluster's PRNG: the same cluster gives the same bytes, another cluster others", async () => {
    const a = (await run(engine(1), "openssl rand -hex 8")).output;
    expect((await run(engine(1), "openssl rand -hex 8")).output).toBe(a);
    expect((await run(engine(2), "openssl rand -hex 8")).output).not.toBe(a);
  });

  it("writes -out and refuses a draw past the node's bound", async () => {
    const e = engine();
    expect(await run(e, "openssl rand -base64 -out /root/k 24", "wc -c /root/k")).toMatchObject({ output: "33 /root/k\n", exitCode: 0 });
    expect((await run(e, "openssl rand -hex 70000")).exitCode).toBe(1);
  });
});
