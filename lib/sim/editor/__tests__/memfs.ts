/** An in-memory EditorFs for tests: a map of absolute path to content; directories are implied. */
import type { EditorFs } from "../types";

export class MemFs implements EditorFs {
  readonly files = new Map<string, string>();
  readonly dirs = new Set<string>(["/", "/root", "/tmp"]);
  maxFileBytes = 1024 * 1024;

  constructor(files: Record<string, string> = {}) {
    for (const [p, c] of Object.entries(files)) this.files.set(p, c);
  }

  read(path: string) {
    if (this.dirs.has(path)) return { ok: false as const, error: "EISDIR" as const };
    const c = this.files.get(path);
    return c === undefined ? { ok: false as const, error: "ENOENT" as const } : { ok: true as const, content: c };
  }

  write(path: string, content: string) {
    if (this.dirs.has(path)) return { ok: false as const, error: "EISDIR" as const };
    const dir = path.slice(0, path.lastIndexOf("/")) || "/";
    if (!this.dirs.has(dir)) return { ok: false as const, error: "ENOENT" as const };
    if (content.length > this.maxFileBytes) return { ok: false as const, error: "ENOSPC" as const };
    this.files.set(path, content);
    return { ok: true as const };
  }
}
