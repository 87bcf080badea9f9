/**
 * The objects and files `kubeadm init` + `kubeadm join` + Calico leave behind, as the apiserver
 * stores them. Every random choice (uids, name suffixes, hashes, pod IPs) goes through `random`.
 */
import type { ClusterConfig } from "../../types";
import { toYaml } from "../../printers/yaml";
import { STATIC_MANIFESTS } from "../manifests";
import { type ClusterPems, createConfigObjects } from "./config";
import { Factory, type Made } from "./factory";
import { createLocalPath } from "./local-path";
import { createMetricsServer } from "./metrics-server";
import { createNamespaces, createNodeLeases, createNodes } from "./nodes";
import { createPolicy } from "./policy";
import { createServices } from "./services";
import { createWorkloads } from "./workloads";

export interface BootstrapOptions {
  /** when kubeadm init ran, epoch ms */
  now: number;
  random: () => number;
  /** resourceVersion before the first object */
  firstResourceVersion: number;
  pems: ClusterPems;
  /** install rancher's local-path-provisioner and its default StorageClass (baseline version 2 on; default true) */
  localPath?: boolean;
  /** install metrics-server v0.7.2 and its APIService (baseline version 3 on; default true) */
  metricsServer?: boolean;
}

export function createClusterObjects(
  config: ClusterConfig,
  opts: BootstrapOptions,
): { objects: Made[]; resourceVersion: number; files: Record<string, string> } {
  const f = new Factory(opts.now, opts.random, opts.firstResourceVersion);
  createPolicy(f);
  const namespaces = createNamespaces(f);
  const nodes = createNodes(f, config);
  createNodeLeases(f, nodes);
  createConfigObjects(f, config, namespaces, opts.pems);
  createWorkloads(f, config, nodes);
  createServices(
    f,
    config,
    f.made.filter((m) => m.gr.resource === "pods").map((m) => m.obj),
  );
  // last, so that everything before draws the same random numbers as without it
  if (opts.localPath ?? true) createLocalPath(f, config, nodes, opts.pems);
  // after it, for the same reason (baseline version 3)
  if (opts.metricsServer ?? true) createMetricsServer(f, config, nodes);
  const files: Record<string, string> = {};
  for (const [component, build] of Object.entries(STATIC_MANIFESTS))
    files[`/etc/kubernetes/manifests/${component}.yaml`] = toYaml(build(config));
  return { objects: f.made, resourceVersion: f.resourceVersion, files };
}
