/**
 * Writes generated files into a state's filesystem with kubeadm's permissions: private keys and
 * kubeconfigs (which embed keys) are 0600, everything else 0644; parent directories are created.
 */
import type { ClusterState } from "../types";

export function isSecretPath(path: string): boolean {
  return /\.key$|\.conf$|\/\.kube\/config$|kubelet-client[^/]*\.pem$|kubelet\.key$/.test(path);
}

export function addFiles(state: ClusterState, files: Record<string, string>, mtime: number): void {
  for (const path of Object.keys(files).sort()) {
    const parts = path.split("/").filter(Boolean);
    for (let i = 1; i < parts.length; i++) {
      const dir = "/" + parts.slice(0, i).join("/");
      if (!state.fs[dir]) state.fs[dir] = { type: "dir", mode: 0o755, mtime };
    }
    state.fs[path] = { type: "file", content: files[path], mode: isSecretPath(path) ? 0o600 : 0o644, mtime };
  }
}
