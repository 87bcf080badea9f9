/**
 * The cluster as a shell on one node sees it: the same API objects, clock and random source, that
 * node's name (hostname, journalctl, crictl read `config.controlPlane`, the node the shell is on)
 * and that node's files. A worker's files are a Vfs over its derived tree (hosts.ts) whose writes
 * go straight into `state.hosts[node].fs`, so an editor or a command writing there changes the
 * saved state like any other write. Controllers always run on the real state and the control
 * plane's files (settle() asks originOf), whatever node the command that settles runs on.
 */
import { aliasStore } from "../api/store";
import { Vfs } from "../fs/vfs";
import { timelineOf } from "../time/timeline";
import type { ClusterState, FsNode, NodeConfig } from "../types";
import { hostState, hostsOf, isControlPlane, workerFs } from "./hosts";

/** A worker's files as a Vfs: reads see the derived tree with the changes over it; writes land in the layer. */
export function hostVfs(state: ClusterState, worker: NodeConfig, now: () => number, random: () => number): Vfs {
  const tree = workerFs(state, worker);
  const layer = hostState(state, worker.name).fs;
  const nodes = new Proxy(tree, {
    set(target, path: string, node: FsNode) {
      target[path] = node;
      layer[path] = structuredClone(node);
      return true;
    },
    deleteProperty(target, path: string) {
      delete target[path];
      layer[path] = null;
      return true;
    },
  });
  return new Vfs(nodes, now, { random });
}

const origins = new WeakMap<object, { state: ClusterState; fs: Vfs }>();

/** The real state and control plane files behind a node's view, or undefined for the real state itself. */
export function originOf(state: ClusterState): { state: ClusterState; fs: Vfs } | undefined {
  return origins.get(state);
}

export interface NodeView {
  state: ClusterState;
  vfs: Vfs;
}

/**
 * `shell` is the node's shell (cwd, variables); `cpFs` the control plane's files (the engine's Vfs).
 * The view shares every other field with `state` (the fields created lazily are created first, so
 * both see the same objects).
 */
export function nodeView(
  state: ClusterState,
  node: NodeConfig,
  shell: ClusterState["shell"],
  cpFs: Vfs,
  now: () => number,
  random: () => number,
): NodeView {
  timelineOf(state);
  hostsOf(state);
  state.containerLogs ??= {};
  const cp = isControlPlane(state, node.name);
  const view: ClusterState = { ...state, config: cp ? state.config : { ...state.config, controlPlane: node }, shell };
  delete view.editor;
  aliasStore(view, state);
  origins.set(view, { state, fs: cpFs });
  return { state: view, vfs: cp ? cpFs : hostVfs(state, node, now, random) };
}
