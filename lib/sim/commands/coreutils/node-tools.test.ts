/**
 * The node's own tools whose numbers are the simulated machine's (df, du, ip): their layout is
 * checked against GNU df where it does not depend on the machine (the `df -h` header: every value
 * fits df.c's minimum widths), the rest against how the real tools arrange their lines.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { requireOracle } from "../../../testing/oracles";
import { baseCluster } from "../../controllers/__tests__/harness";
import { SimEngine } from "../../core/sim-engine";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { coreutils } from ".";

async function node() {
  const engine = new SimEngine(
    structuredClone(await baseCluster()),
    { clock: { now: () => Date.UTC(2026, 10, 30, 9, 0, 0) }, keys: new DeterministicKeySource(3) },
    [...coreutils],
  );
  return async (line: string) => (await engine.exec(line)).output;
}

const DF = requireOracle("df");

describe("df, du and ip on the simulated node", () => {
  it.skipIf(!DF)("prints `df -h`'s header as GNU df does, and lines its columns up under it", async () => {
    const run = await node();
    const [header, ...rows] = (await run("df -h")).trimEnd().split("\n");
    const real = spawnSync(DF ?? "df", ["-h", "/"], { encoding: "utf8" }).stdout.split("\n")[0];
    expect(header).toBe(real);
    // right-aligned Size, Used, Avail and Use% end where their headers end; Mounted on starts where its header does
    const ends = ["Size", "Used", "Avail", "Use%"].map((h) => header.indexOf(h) + h.length);
    for (const row of rows) {
      for (const end of ends) expect(row[end - 1]).not.toBe(" ");
      for (const end of ends) expect(row[end]).toBe(" ");
      expect(row.slice(header.indexOf("Mounted on"))).toMatch(/^\//);
    }
  });

  it("gives du -sh one line: the size, a tab, the path", async () => {
    const run = await node();
    expect(await run("du -sh /etc/kubernetes")).toMatch(/^\d+(\.\d)?[KM]\t\/etc\/kubernetes\n$/);
  });

  it("keeps `ip -4 a` to the IPv4 addresses, each with its lifetime line, as iproute2 does", async () => {
    const run = await node();
    const lines = (await run("ip -4 a")).trimEnd().split("\n");
    expect(lines.some((l) => /inet6|link\//.test(l))).toBe(false);
    lines.forEach((l, i) => {
      if (l.includes("valid_lft")) expect(lines[i - 1]).toMatch(/^ {4}inet /);
      if (/^ {4}inet /.test(l)) expect(lines[i + 1]).toMatch(/valid_lft/);
    });
    expect(lines.filter((l) => /^\d+: /.test(l)).map((l) => l.split(":")[1].trim())).toEqual(["lo", "eth0", "tunl0@NONE"]);
  });
});
