/** The wired Simulator, with the other engineers' modules mocked until (and after) they land. */
import { describe, expect, it, vi } from "vitest";
import { DeterministicKeySource } from "./keys/deterministic-key-source";

// vi.mock cannot reach a module that does not exist yet through another importer's relative path,
// so the registry and the cluster builder are replaced as a whole here
vi.mock("./commands/registry", async () => {
  const { coreutils } = await import("./commands/coreutils");
  const stub = (name: string) => ({
    name,
    summary: `${name} stub`,
    run: (ctx: { args: string[] }) => ({ stdout: `${name} ${ctx.args.join(" ")}\n`, stderr: "", exitCode: 0 }),
  });
  const commands = [...coreutils, stub("kubectl"), stub("kubeadm"), stub("openssl")];
  return { commands, commandMap: (extra: unknown[] = []) => new Map([...commands, ...(extra as typeof commands)].map((c) => [c.name, c])) };
});
vi.mock("./cluster/create", async () => {
  const { createBaseState, mergeConfig } = await import("./core/base-state");
  const { addFiles } = await import("./core/add-files");
  return {
    createCluster: async (o: { now: number; seed: number }) => {
      const s = createBaseState(mergeConfig(), { createdAt: o.now, seed: o.seed });
      addFiles(s, { "/etc/kubernetes/admin.conf": "conf\n", "/root/.kube/config": "conf\n", "/etc/kubernetes/pki/ca.crt": "crt\n" }, o.now);
      return s;
    },
  };
});

const { Simulator } = await import("./simulator");
const deps = { clock: { now: () => Date.UTC(2026, 10, 28, 9, 8, 33) }, keys: new DeterministicKeySource(1) };

describe("Simulator", () => {
  it("creates, runs, serialises and restores", async () => {
    const sim = await Simulator.create({ ...deps, seed: 3 });
    expect(sim.prompt()).toBe("controlplane:~$ ");
    expect((await sim.exec("kubectl get pods -A | cat")).output).toBe("kubectl get pods -A\n");
    expect((await sim.exec("cat .kube/config")).output).toBe("conf\n");
    expect((await sim.exec("help")).output).toMatch(/^ {2}kubectl +kubectl stub$/m);
    expect(sim.complete("op", 2).candidates).toEqual(["openssl"]);
    await sim.exec("cd /etc/kubernetes/pki");
    const again = Simulator.restore(JSON.parse(JSON.stringify(sim.serialize())), deps);
    expect(again.prompt()).toBe("controlplane:/etc/kubernetes/pki$ ");
    expect((await again.exec("ls")).output).toBe((await sim.exec("ls")).output);
    expect(() => Simulator.restore("garbage", deps)).toThrow(/invalid cluster state/);
  });
});
