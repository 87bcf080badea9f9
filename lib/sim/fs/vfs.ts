/**
 * The virtual filesystem: a flat map from absolute path to FsNode, stored in ClusterState.fs.
 * Every write goes through here so that the set of touched paths can be journalled (the
 * terminal layer persists only what a command changed), the total size can be capped
 * (security.md D3) and a failed command can be rolled back (the undo log).
 */
import { LIMITS } from "../core/limits";
import type { FsNode } from "../types";

export type FsError = "ENOENT" | "EISDIR" | "ENOTDIR" | "EEXIST" | "ENOTEMPTY" | "EINVAL" | "ENOSPC";

/** The strerror(3) texts coreutils print for each error. */
export const FS_ERROR_TEXT: Record<FsError, string> = {
  ENOENT: "No such file or directory",
  EISDIR: "Is a directory",
  ENOTDIR: "Not a directory",
  EEXIST: "File exists",
  ENOTEMPTY: "Directory not empty",
  EINVAL: "Invalid argument",
  ENOSPC: "No space left on device",
};

export interface VfsOptions {
  /** draws /dev/urandom bytes; the Simulator passes the cluster PRNG so output is reproducible */
  random?: () => number;
  maxBytes?: number;
  maxNodes?: number;
}

/** Character devices: reads are synthesised, writes vanish, they are never stored as content. */
const DEVICES = new Set(["/dev/null", "/dev/zero", "/dev/urandom"]);
let zeros: string | undefined;
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
  /** previous node of each path changed since begin(); undefined when not in a transaction */
  private undo: Map<string, FsNode | undefined> | undefined;
  private bytes = 0;
  private count = 0;

  constructor(
    private readonly nodes: Record<string, FsNode>,
    private readonly now: () => number,
    private readonly opts: VfsOptions = {},
  ) {
    for (const n of Object.values(nodes)) {
      this.count++;
      if (n.type === "file") this.bytes += n.content.length;
    }
  }

  /** Bytes of file content stored (JS string length: one unit per ASCII byte). */
  get usedBytes(): number {
    return this.bytes;
  }

  /** Starts recording what to restore if the running command fails. */
  begin(): void {
    this.undo = new Map();
  }

  commit(): void {
    this.undo = undefined;
  }

  /** Restores every path changed since begin(). The journal keeps them, so deltas stay exact. */
  rollback(): void {
    if (!this.undo) return;
    for (const [path, node] of this.undo) {
      if (node) this.set(path, node);
      else this.del(path);
    }
    this.undo = undefined;
  }

  private set(path: string, node: FsNode): void {
    const old = this.stat(path);
    if (this.undo && !this.undo.has(path)) this.undo.set(path, old);
    this.count += old ? 0 : 1;
    this.bytes += (node.type === "file" ? node.content.length : 0) - (old?.type === "file" ? old.content.length : 0);
    this.nodes[path] = node;
    this.touched.add(path);
  }

  private del(path: string): void {
    const old = this.stat(path);
    if (!old) return;
    if (this.undo && !this.undo.has(path)) this.undo.set(path, old);
    this.count--;
    if (old.type === "file") this.bytes -= old.content.length;
    delete this.nodes[path];
    this.touched.add(path);
  }

  private full(path: string, node: FsNode): boolean {
    const old = this.stat(path);
    const max = this.opts.maxBytes ?? LIMITS.maxFsBytes;
    const delta = (node.type === "file" ? node.content.length : 0) - (old?.type === "file" ? old.content.length : 0);
    if (delta > 0 && this.bytes + delta > max) return true;
    return !old && this.count + 1 > (this.opts.maxNodes ?? LIMITS.maxFsNodes);
  }

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
    if (DEVICES.has(path) && this.stat(path)?.type === "file") return ok(this.readDevice(path));
    const n = this.stat(path);
    if (!n) return this.parentIsFile(path) ? fail("ENOTDIR") : fail("ENOENT");
    if (n.type === "dir") return fail("EISDIR");
    return ok(n.content);
  }

  writeFile(path: string, content: string, mode = 0o644): FsResult<void> {
    if (DEVICES.has(path) && this.stat(path)?.type === "file") return ok(undefined);
    const parent = this.stat(dirname(path));
    if (!parent) return this.parentIsFile(path) ? fail("ENOTDIR") : fail("ENOENT");
    if (parent.type !== "dir") return fail("ENOTDIR");
    const existing = this.stat(path);
    if (existing?.type === "dir") return fail("EISDIR");
    const node: FsNode = { type: "file", content, mode: existing?.mode ?? mode, mtime: this.now() };
    if (this.full(path, node)) return fail("ENOSPC");
    this.set(path, node);
    return ok(undefined);
  }

  /** Changes the permission bits of an existing node. */
  chmod(path: string, mode: number): FsResult<void> {
    const n = this.stat(path);
    if (!n) return fail("ENOENT");
    this.set(path, { ...n, mode: mode & 0o7777 });
    return ok(undefined);
  }

  appendFile(path: string, content: string): FsResult<void> {
    if (DEVICES.has(path) && this.stat(path)?.type === "file") return ok(undefined);
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
    const node: FsNode = { type: "dir", mode, mtime: this.now() };
    if (this.full(path, node)) return fail("ENOSPC");
    this.set(path, node);
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
      for (const c of children) this.del(c);
    }
    this.del(path);
    return ok(undefined);
  }

  /** Renames a file or a whole directory tree. */
  rename(from: string, to: string): FsResult<void> {
    const n = this.stat(from);
    if (!n) return fail("ENOENT");
    if (!this.isDir(dirname(to))) return fail("ENOENT");
    if (n.type === "dir" && (to === from || to.startsWith(from + "/"))) return fail("EINVAL");
    if (from === to) return ok(undefined);
    const moved = Object.keys(this.nodes).filter((p) => p === from || p.startsWith(from + "/"));
    // a file replacing a file frees the old content first, so the size check sees the net change
    if (this.stat(to)?.type === "file") this.del(to);
    for (const p of moved) {
      const node = this.nodes[p];
      this.del(p);
      this.set(to + p.slice(from.length), node);
    }
    return ok(undefined);
  }

  /** Returns and clears the set of paths changed since the last call. */
  drainJournal(): string[] {
    const paths = [...this.touched];
    this.touched.clear();
    return paths;
  }

  private readDevice(path: string): string {
    if (path === "/dev/zero") return (zeros ??= "\0".repeat(LIMITS.devZeroBytes));
    if (path !== "/dev/urandom") return "";
    // 7-bit characters: each is one byte in UTF-8, so `head -c 16 /dev/urandom | base64` gives 16 bytes
    const random = this.opts.random ?? Math.random;
    const codes = new Array<number>(LIMITS.devUrandomBytes);
    for (let i = 0; i < codes.length; i += 4) {
      const r = Math.floor(random() * 0x10000000);
      codes[i] = r & 0x7f;
      codes[i + 1] = (r >>> 7) & 0x7f;
      codes[i + 2] = (r >>> 14) & 0x7f;
      codes[i + 3] = (r >>> 21) & 0x7f;
    }
    return String.fromCharCode(...codes);
  }

  private parentIsFile(path: string): boolean {
    for (let p = dirname(path); p !== "/"; p = dirname(p)) {
      const n = this.stat(p);
      if (n) return n.type === "file";
    }
    return false;
  }
}
