/**
 * The virtual filesystem: a flat map from absolute path to FsNode, stored in ClusterState.fs.
 * Every write goes through here so that the set of touched paths can be journalled (the
 * terminal layer persists only what a command changed).
 */
import type { FsNode } from "../types";

export type FsError = "ENOENT" | "EISDIR" | "ENOTDIR" | "EEXIST" | "ENOTEMPTY" | "EINVAL";
export type FsResult<T> = { ok: true; value: T } | { ok: false; error: FsError };

const ok = <T>(value: T): FsResult<T> => ({ ok: true, value });
const fail = <T>(error: FsError): FsResult<T> => ({ ok: false, error });

/** Normalises `path` against `cwd` and `home` ("~" expansion is the shell's job, but "~/x" is accepted here too). */
export function resolvePath(cwd: string, path: string, home = "/root"): string {
  let p = path;
  if (p === "~" || p.startsWith("~/")) p = home + p.slice(1);
  const full = p.startsWith("/") ? p : `${cwd.replace(/\/$/, "")}/${p}`;
  const parts: string[] = [];
  for (const seg of full.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return "/" + parts.join("/");
}

export function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

export class Vfs {
  /** paths written or removed since the journal was last drained */
  private touched = new Set<string>();

  constructor(
    private readonly nodes: Record<string, FsNode>,
    private readonly now: () => number,
  ) {}

  stat(path: string): FsNode | undefined {
    return Object.prototype.hasOwnProperty.call(this.nodes, path) ? this.nodes[path] : undefined;
  }

  exists(path: string): boolean {
    return this.stat(path) !== undefined;
  }

  isDir(path: string): boolean {
    return this.stat(path)?.type === "dir";
  }

  readFile(path: string): FsResult<string> {
    const n = this.stat(path);
    if (!n) return this.parentIsFile(path) ? fail("ENOTDIR") : fail("ENOENT");
    if (n.type === "dir") return fail("EISDIR");
    return ok(n.content);
  }

  writeFile(path: string, content: string, mode = 0o644): FsResult<void> {
    const parent = this.stat(dirname(path));
    if (!parent) return fail("ENOENT");
    if (parent.type !== "dir") return fail("ENOTDIR");
    const existing = this.stat(path);
    if (existing?.type === "dir") return fail("EISDIR");
    this.nodes[path] = { type: "file", content, mode: existing?.mode ?? mode, mtime: this.now() };
    this.touched.add(path);
    return ok(undefined);
  }

  appendFile(path: string, content: string): FsResult<void> {
    const existing = this.stat(path);
    if (existing?.type === "dir") return fail("EISDIR");
    return this.writeFile(path, (existing?.type === "file" ? existing.content : "") + content);
  }

  /** mkdir; with `parents` behaves like `mkdir -p` */
  mkdir(path: string, parents = false, mode = 0o755): FsResult<void> {
    if (path === "/") return parents ? ok(undefined) : fail("EEXIST");
    const existing = this.stat(path);
    if (existing) return parents && existing.type === "dir" ? ok(undefined) : fail("EEXIST");
    const parent = dirname(path);
    if (!this.exists(parent)) {
      if (!parents) return fail("ENOENT");
      const r = this.mkdir(parent, true, mode);
      if (!r.ok) return r;
    }
    if (!this.isDir(parent)) return fail("ENOTDIR");
    this.nodes[path] = { type: "dir", mode, mtime: this.now() };
    this.touched.add(path);
    return ok(undefined);
  }

  /** Direct children names of a directory, sorted as `ls` sorts them (byte order). */
  readdir(path: string): FsResult<string[]> {
    const n = this.stat(path);
    if (!n) return fail("ENOENT");
    if (n.type !== "dir") return fail("ENOTDIR");
    const prefix = path === "/" ? "/" : path + "/";
    const names: string[] = [];
    for (const p of Object.keys(this.nodes)) {
      if (p !== path && p.startsWith(prefix) && !p.slice(prefix.length).includes("/")) names.push(p.slice(prefix.length));
    }
    return ok(names.sort());
  }

  /** Removes a file, or a directory (with `recursive`, its contents too). */
  remove(path: string, recursive = false): FsResult<void> {
    const n = this.stat(path);
    if (!n) return fail("ENOENT");
    if (path === "/") return fail("EINVAL");
    if (n.type === "dir") {
      const prefix = path + "/";
      const children = Object.keys(this.nodes).filter((p) => p.startsWith(prefix));
      if (children.length && !recursive) return fail("ENOTEMPTY");
      for (const c of children) {
        delete this.nodes[c];
        this.touched.add(c);
      }
    }
    delete this.nodes[path];
    this.touched.add(path);
    return ok(undefined);
  }

  /** Renames a file or a whole directory tree. */
  rename(from: string, to: string): FsResult<void> {
    const n = this.stat(from);
    if (!n) return fail("ENOENT");
    if (!this.isDir(dirname(to))) return fail("ENOENT");
    if (n.type === "dir" && (to === from || to.startsWith(from + "/"))) return fail("EINVAL");
    const moved = Object.keys(this.nodes).filter((p) => p === from || p.startsWith(from + "/"));
    for (const p of moved) {
      const dest = to + p.slice(from.length);
      this.nodes[dest] = this.nodes[p];
      delete this.nodes[p];
      this.touched.add(p);
      this.touched.add(dest);
    }
    return ok(undefined);
  }

  /** Returns and clears the set of paths changed since the last call. */
  drainJournal(): string[] {
    const paths = [...this.touched];
    this.touched.clear();
    return paths;
  }

  private parentIsFile(path: string): boolean {
    for (let p = dirname(path); p !== "/"; p = dirname(p)) {
      const n = this.stat(p);
      if (n) return n.type === "file";
    }
    return false;
  }
}
