/**
 * Determinism of the simulated clock: random sequences of workload commands at random times give
 * identical transcripts when replayed, when the cluster is saved (packed snapshot plus per-line
 * deltas, as the terminal server stores it) and restored half way, and when a day of capped crash
 * back-off is jumped over instead of watched minute by minute.
 */
import { describe, expect, it } from "vitest";
import { coreutils } from "../../commands/coreutils";
import { kubectl } from "../../commands/kubectl";
import { nextRandom, seedRng, type RngState } from "../../core/rng";
import { applyDelta, SimEngine, type SavedState } from "../../core/sim-engine";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { baseCluster, cluster, DEPLOYMENT, engineOver, manifest, POD, T0 } from "./harness";

type Step = { wait: number } | { line: string };

const IMAGES = ["nginx", "nginx:1.27", "httpd", "busybox", "nginxx", "redis:7"];
const NAMES = ["web", "api", "cache"];

/** A random learner session: deployments, scaling, image changes, rollbacks, crashing pods and init containers, Services, looks around; waits of 0 s to a day. */
function session(seed: number, length: number): Step[] {
  const rng: RngState = seedRng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(nextRandom(rng) * xs.length)];
  const steps: Step[] = [];
  for (let i = 0; i < length; i++) {
    const r = nextRandom(rng);
    const name = pick(NAMES);
    if (r < 0.15)
      steps.push(
        { line: manifest(name, DEPLOYMENT(name, pick(IMAGES), 1 + Math.floor(nextRandom(rng) * 4))) },
        { line: `kubectl apply -f ${name}.yaml` },
      );
    else if (r < 0.25) steps.push({ line: `kubectl scale deploy/${name} --replicas=${Math.floor(nextRandom(rng) * 5)}` });
    else if (r < 0.35)
      steps.push({
        line: `kubectl patch deploy ${name} --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"${pick(IMAGES)}"}]'`,
      });
    else if (r < 0.4) steps.push({ line: `kubectl rollout undo deploy/${name}` });
    else if (r < 0.45)
      steps.push(
        {
          line: manifest(
            `crash${i}`,
            POD(
              `crash${i}`,
              // every other one waits in an init container: for a Service (created below, maybe) or failing
              `${i % 2 ? `initContainers:\n- name: wait\n  image: busybox:1.28\n  command: ["sh", "-c", "${i % 4 === 1 ? `until nslookup ${name}; do sleep 2; done` : "exit 1"}"]\n` : ""}containers:\n- name: app\n  image: busybox\n  command: ["sh", "-c", "echo boom; exit ${1 + (i % 3)}"]`,
            ),
          ),
        },
        { line: `kubectl apply -f crash${i}.yaml` },
        ...(nextRandom(rng) < 0.5 ? [{ line: `kubectl create service clusterip ${name} --tcp=80` }] : []),
      );
    else if (r < 0.5) steps.push({ line: `kubectl delete pods -l app=${name}` });
    else if (r < 0.6) steps.push({ line: "kubectl get pods -o wide" });
    else if (r < 0.65) steps.push({ line: "kubectl get events" });
    else if (r < 0.7) steps.push({ line: `kubectl describe deploy ${name}` });
    else if (r < 0.75) steps.push({ line: `kubectl logs deploy/${name} --tail=3` });
    else if (r < 0.8) steps.push({ line: `kubectl rollout history deploy/${name}` });
    else if (r < 0.83) steps.push({ line: `kubectl rollout status deploy/${name} --timeout=30s` });
    else steps.push({ wait: pick([0, 0.3, 1, 2, 5, 10, 30, 120, 600, 3600, 86_400]) * 1000 });
  }
  steps.push({ line: "kubectl get all -A" }, { line: "kubectl get events -A" });
  return steps;
}

const COMMANDS = [...coreutils, kubectl];
const deps = (clock: { t: number }) => ({ clock: { now: () => clock.t }, keys: new DeterministicKeySource(3) });

/** Runs the steps; with `restoreAt`, the cluster is rebuilt from its first snapshot plus every delta at that step. */
async function transcript(steps: Step[], restoreAt?: number): Promise<string> {
  const clock = { t: T0 };
  let engine = engineOver(structuredClone(await baseCluster()), clock);
  const saved: SavedState = engine.serialize();
  let out = "";
  for (const [i, s] of steps.entries()) {
    if (i === restoreAt) engine = SimEngine.restoreWith(structuredClone(saved), deps(clock), COMMANDS);
    if ("wait" in s) clock.t += s.wait;
    else {
      const r = await engine.exec(s.line);
      applyDelta(saved, r.delta);
      out += `$ ${s.line}\n${r.output}`;
    }
  }
  return out;
}

describe("the simulated clock is deterministic", () => {
  for (const seed of [1, 2, 3]) {
    it(`replays session ${seed} identically, also through a save and restore half way`, async () => {
      const steps = session(seed, 40);
      const a = await transcript(steps);
      expect(a).toContain("kubectl get all -A");
      expect(await transcript(steps)).toBe(a);
      expect(await transcript(steps, Math.floor(steps.length / 2))).toBe(a);
    }, 120_000);
  }

  it("jumps a day of capped crash back-off to the state stepping reaches", async () => {
    const watched = await cluster();
    const jumped = await cluster();
    for (const c of [watched, jumped]) {
      await c.run(manifest("p", POD("crash", `containers:\n- name: app\n  image: busybox\n  command: ["sh", "-c", "echo boom; exit 1"]`)));
      await c.run("kubectl apply -f p.yaml");
    }
    for (let s = 60; s < 6 * 3600; s += 60) {
      watched.at(s);
      await watched.run("true");
      await watched.run("kubectl get pod crash");
    }
    const look = "kubectl get pod crash -o jsonpath='{.status.containerStatuses[0]}'";
    watched.at(6 * 3600);
    jumped.at(6 * 3600);
    const w = await watched.run(look);
    expect(Number(/"restartCount":(\d+)/.exec(w)?.[1])).toBeGreaterThan(60);
    expect(await jumped.run(look)).toBe(w);
    const events = "kubectl get events -o jsonpath='{range .items[*]}{.reason} {.count} {.lastTimestamp}{\"\\n\"}{end}' | sort";
    expect(await jumped.run(events)).toBe(await watched.run(events));
  }, 120_000);
});
