/**
 * What the app's gateway for the learner's own kubectl (issue 16) relies on in the simulator:
 * requests run as admin.conf's user at the cluster's clock, and `transact` hands back exactly
 * what a request changed, so the saved state replayed from its deltas is the live cluster.
 */
import { describe, expect, it } from "vitest";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { applyDelta, Simulator, type SavedState } from "../../simulator";
import { adminIdentity } from "./admin-identity";
import { handle } from "./handler";
import { clusterHost } from "./host";
import type { HttpRequest, HttpResponse } from "./types";

const START = Date.UTC(2026, 10, 30, 9, 0, 0);
const YEAR = 365 * 86_400_000;

async function cluster(clock: { t: number }) {
  return Simulator.create({ clock: { now: () => clock.t }, keys: new DeterministicKeySource(5), seed: 5 });
}

function call(sim: Simulator, method: string, path: string, body?: object): HttpRequest {
  return {
    method,
    path,
    query: "",
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? new TextEncoder().encode(JSON.stringify(body)) : new Uint8Array(),
    user: adminIdentity(sim.vfs, sim.now()),
  };
}

describe("adminIdentity", () => {
  it("is admin.conf's certificate subject while it is valid, and nobody once it has expired", async () => {
    const clock = { t: START };
    const sim = await cluster(clock);
    expect(adminIdentity(sim.vfs, sim.now())).toMatchObject({
      username: "kubernetes-admin",
      groups: ["kubeadm:cluster-admins", "system:authenticated"],
    });
    sim.advanceClock(2 * YEAR);
    expect(adminIdentity(sim.vfs, sim.now())).toBeNull();
  });
});

describe("transact", () => {
  it("returns no delta for a read and the request's changes for a write; the deltas replay to the live cluster", async () => {
    const clock = { t: START };
    const sim = await cluster(clock);
    const saved: SavedState = structuredClone(sim.serialize());
    const host = clusterHost(sim);

    const read = await sim.transact(() => handle(host, call(sim, "GET", "/api/v1/namespaces/default/configmaps")));
    expect((read.value as HttpResponse).status).toBe(200);
    expect(read.delta).toBeUndefined();

    const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "from-laptop" }, data: { k: "v" } };
    const write = await sim.transact(() => handle(host, call(sim, "POST", "/api/v1/namespaces/default/configmaps", cm)));
    expect((write.value as HttpResponse).status).toBe(201);
    expect(write.delta).toBeDefined();
    expect(Object.keys(write.delta?.objects ?? {})).toContain("/configmaps/default/from-laptop");

    const deploy = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx" }] } },
      },
    };
    const created = await sim.transact(() => handle(host, call(sim, "POST", "/apis/apps/v1/namespaces/default/deployments", deploy)));
    clock.t += 30_000;
    // the controllers settle on the next request: what they did comes back with it
    const settled = await sim.transact(() => handle(host, call(sim, "GET", "/api/v1/namespaces/default/pods")));
    expect(settled.delta?.objects).toBeDefined();

    for (const d of [write.delta, created.delta, settled.delta]) if (d) applyDelta(saved, d);
    const replayed = Simulator.restore(saved, { clock: { now: () => clock.t }, keys: new DeterministicKeySource(5) });
    expect(replayed.state.objects).toEqual(sim.state.objects);
    expect(replayed.state.rng).toEqual(sim.state.rng);
  });
});
