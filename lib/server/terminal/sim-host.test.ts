/**
 * The simulator and key workers for real (worker threads running the TypeScript sources): a
 * cluster is made and loaded in its learner's worker, commands run there, keys of other sizes
 * come from the key worker, and state round-trips.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SimHost, type RemoteSim } from "./sim-host";

let host: SimHost;
let sim: RemoteSim;

beforeAll(async () => {
  host = new SimHost({ simWorkers: 2, keyPoolTarget: 0, onClustersLost: () => undefined });
  const state = await host.create("learner-a", "ecdsa-p256");
  sim = await host.load("learner-a", "session-a", state, []);
}, 120_000);

afterAll(async () => host?.stop());

describe("SimHost", () => {
  it("runs commands in the learner's worker and mirrors the prompt and history", async () => {
    expect(sim.prompt()).toBe("controlplane:~$ ");
    const r = await sim.exec("mkdir -p /tmp/x && cd /tmp/x && echo hello from the worker");
    expect(r.output).toBe("hello from the worker\n");
    expect(sim.prompt()).toBe("controlplane:/tmp/x$ ");
    expect(sim.history.at(-1)).toBe("mkdir -p /tmp/x && cd /tmp/x && echo hello from the worker");
    expect(await sim.needsMoreInput("cat <<EOF")).toBe(true);
    expect(await sim.needsMoreInput("cat <<EOF\nx\nEOF")).toBe(false);
  });

  it("ends a node's shell on Ctrl-D with the simulator's own text", async () => {
    await sim.exec("ssh node01");
    expect(sim.prompt()).toBe("node01:~$ ");
    const r = await sim.endOfInput();
    expect(r.output).toBe("\nlogout\nConnection to node01 closed.\n");
    expect(sim.prompt()).toBe("controlplane:/tmp/x$ ");
  });

  it("makes a 3072-bit key in the key worker and refuses 8192 bits", async () => {
    const ok = await sim.exec("openssl genrsa -out k.pem 3072 && openssl rsa -in k.pem -noout -text | head -n 1");
    expect(ok.output).toContain("Private-Key: (3072 bit, 2 primes)");
    const refused = await sim.exec("openssl genrsa 8192");
    expect(refused.exitCode).toBe(1);
    expect(refused.output).toMatch(/at most 4096 bits/);
  }, 120_000);

  it("serializes, replaces and reloads a cluster with the same files", async () => {
    await sim.exec("echo kept > /root/kept.txt");
    const state = await sim.serialize();
    const again = await host.load("learner-a", "session-b", state, []);
    expect((await again.exec("cat /root/kept.txt")).output).toBe("kept\n");
    await again.replace(await host.create("learner-a", "ecdsa-p256"));
    expect((await again.exec("cat /root/kept.txt")).output).toMatch(/No such file/);
    await again.unload();
  }, 120_000);
});
