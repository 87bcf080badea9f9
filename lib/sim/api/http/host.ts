/**
 * ApiHosts: what the HTTP handler serves.
 * - clusterHost: a simulated cluster (a Simulator's state, files and clock), with the
 *   controllers the simulator's kubectl runs (settle) and a callback when a request changed it.
 * - objectsHost: any set of objects and kinds at a fixed clock, no controllers: for tests that
 *   judge one kind (a describer, a table) with real kubectl against exactly the objects they made.
 */
import type { KindDef } from "../../kinds/types";
import { settle } from "../../controllers";
import { nextRandom } from "../../core/rng";
import type { Vfs } from "../../fs/vfs";
import { resolvePath } from "../../fs/vfs";
import type { ClusterState, CommandContext, KeySource } from "../../types";
import { ApiServer } from "../server";
import { signingKeyFrom } from "../token-request";
import { objectKey, type StoreState } from "../store";
import type { KObject } from "../types";
import type { ApiHost, VersionInfo } from "./types";

/**
 * /version of kube-apiserver at the cluster's version; the other fields are those the simulator's
 * `kubectl version -o json` prints for the server (lib/sim/commands/kubectl/misc.ts).
 */
export function versionInfo(gitVersion: string): VersionInfo {
  const [major, minor] = gitVersion.replace(/^v/, "").split(".");
  return {
    major,
    minor,
    gitVersion,
    gitCommit: "59526cd4867447956156ae3a602fcbac10a2c335",
    gitTreeState: "clean",
    buildDate: "2025-04-22T16:03:51Z",
    goVersion: "go1.23.8",
    compiler: "gc",
    platform: "linux/amd64",
  };
}

/** What clusterHost needs of a running simulator (SimEngine has all three). */
export interface ClusterSource {
  readonly state: ClusterState;
  readonly vfs: Vfs;
  /** the cluster clock, epoch ms */
  now(): number;
}

const NO_KEYS: KeySource = { take: () => Promise.reject(new Error("no key generation through the API")) };

export function clusterHost(sim: ClusterSource, opts: { saved?: () => void } = {}): ApiHost {
  const state = sim.state;
  const random = () => nextRandom(state.rng);
  const facts = () => ({ serviceSubnet: state.config.serviceSubnet, podSubnet: state.config.podSubnet, dnsDomain: state.config.dnsDomain });
  const context = (): CommandContext => ({
    state,
    fs: sim.vfs,
    resolve: (p) => resolvePath(state.shell.cwd, p, state.shell.env.HOME ?? "/root"),
    args: [],
    stdin: "",
    env: {},
    now: sim.now(),
    keys: NO_KEYS,
    random,
  });
  return {
    api: () => new ApiServer(state, { now: sim.now(), random, cluster: facts(), serviceAccountKey: () => signingKeyFrom(sim.vfs) }),
    settle: () => settle(context()),
    ...(opts.saved ? { saved: opts.saved } : {}),
    version: versionInfo(state.config.kubernetesVersion),
    advertiseAddress: `${state.config.controlPlane.ip}:6443`,
  };
}

export interface ObjectsHostOptions {
  /** the objects served (each as the apiserver returns it, with metadata.resourceVersion set) */
  objects: KObject[];
  /** the kinds served; default: the registry */
  kinds?: readonly KindDef[];
  /** the clock tables and describers read, epoch ms */
  now: number;
  version?: string;
}

/** A host over exactly the given objects: writes go to an in-memory store; nothing settles. */
export function objectsHost(o: ObjectsHostOptions): ApiHost & { state: StoreState } {
  const kinds = o.kinds;
  const state: StoreState = { objects: {}, resourceVersion: 0 };
  const probe = new ApiServer(state, {
    now: o.now,
    random: () => 0,
    cluster: { serviceSubnet: "10.96.0.0/12", podSubnet: "192.168.0.0/16", dnsDomain: "cluster.local" },
    ...(kinds ? { kinds } : {}),
  });
  for (const obj of o.objects) {
    const def = probe.kindOf(obj.apiVersion, obj.kind);
    if (!def) throw new Error(`objectsHost: no kind ${obj.apiVersion}/${obj.kind} among the kinds served`);
    const gr = { group: def.resource.group, resource: def.resource.resource };
    state.objects[objectKey(gr, def.resource.namespaced ? obj.metadata.namespace : undefined, obj.metadata.name)] = structuredClone(obj);
    state.resourceVersion = Math.max(state.resourceVersion, Number(obj.metadata.resourceVersion) || 0);
  }
  let seed = 1;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  return {
    state,
    api: () =>
      new ApiServer(state, {
        now: o.now,
        random,
        cluster: { serviceSubnet: "10.96.0.0/12", podSubnet: "192.168.0.0/16", dnsDomain: "cluster.local" },
        ...(kinds ? { kinds } : {}),
      }),
    settle: () => Promise.resolve(),
    version: versionInfo(o.version ?? "v1.32.4"),
    advertiseAddress: "127.0.0.1:6443",
  };
}
