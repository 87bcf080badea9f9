/**
 * Redirections, applied left to right to a command's descriptors: `< > >> <<< << <&`, `n>&m`,
 * `&> &>>`, `>&-`, with /dev/null, /dev/stdin, /dev/stdout, /dev/stderr and `<( )` files.
 * Descriptors above 2 can be opened and duplicated (`3>&1 1>&2 2>&3`).
 */
import { FS_ERROR_TEXT } from "../fs/vfs";
import type { Redirect } from "./ast";
import type { Interpreter } from "./interpreter";
import { FileSink, InputStream, NULL_SINK, type IO, type Sink } from "./io";

/** The new descriptors, or bash's error text (the command then does not run). */
export async function applyRedirects(sh: Interpreter, redirects: Redirect[], io: IO): Promise<(IO & { fds: Map<number, Sink> }) | string> {
  const outs = new Map<number, Sink>([...sh.extraFds, [1, io.out], [2, io.err]]);
  const ins = new Map<number, InputStream>([[0, io.stdin]]);
  const p = sh.errPrefix();
  for (const r of redirects) {
    if (r.op === "<<") {
      ins.set(r.fd, new InputStream(await sh.ex.string(r.heredoc ?? [])));
      continue;
    }
    if (r.op === "<<<") {
      ins.set(r.fd, new InputStream((await sh.ex.string(r.target ?? [])) + "\n"));
      continue;
    }
    const fields = await sh.ex.fields(r.target ?? []);
    const raw = (r.target ?? []).map((x) => (x.t === "lit" ? x.v : x.t === "param" ? `$${x.name}` : "")).join("");
    if (fields.length !== 1) return `${p}${raw}: ambiguous redirect\n`;
    const target = fields[0];
    if (r.op === ">&" || r.op === "<&") {
      const m = /^(\d+)(-?)$/.exec(target);
      if (target === "-") {
        if (r.op === "<&" || r.fd === 0) ins.set(r.fd, new InputStream(""));
        else outs.set(r.fd, NULL_SINK);
      } else if (m && (r.op === ">&" ? outs.has(Number(m[1])) : ins.has(Number(m[1])) || outs.has(Number(m[1])))) {
        const from = Number(m[1]);
        if (r.op === "<&" && ins.has(from)) ins.set(r.fd, ins.get(from) ?? new InputStream(""));
        else outs.set(r.fd, outs.get(from) ?? NULL_SINK);
        if (m[2]) outs.delete(from);
      } else return `${p}${target}: Bad file descriptor\n`;
      continue;
    }
    if (target === "") return `${p}: No such file or directory\n`;
    const path = sh.resolve(target);
    if (r.op === "<" || r.op === "<>") {
      const input = readInput(sh, path, ins.get(0));
      if (typeof input !== "string") {
        ins.set(r.fd, input);
        continue;
      }
      if (r.op === "<>" && !sh.d.vfs.exists(path)) sh.d.vfs.writeFile(path, "");
      const read = sh.d.vfs.readFile(path);
      if (!read.ok) return `${p}${target}: ${FS_ERROR_TEXT[read.error]}\n`;
      ins.set(r.fd, new InputStream(read.value));
      continue;
    }
    const special = specialOut(path, outs);
    let sink: Sink;
    if (special) sink = special;
    else {
      const append = r.op === ">>" || r.op === "&>>";
      if (!append && sh.option("noclobber") && sh.d.vfs.stat(path)?.type === "file")
        return `${p}${target}: cannot overwrite existing file\n`;
      const w = append ? sh.d.vfs.appendFile(path, "") : sh.d.vfs.writeFile(path, "");
      if (!w.ok) return `${p}${target}: ${FS_ERROR_TEXT[w.error]}\n`;
      sink = new FileSink(sh.d.vfs, path);
    }
    if (r.op === "&>" || r.op === "&>>") {
      outs.set(1, sink);
      outs.set(2, sink);
    } else outs.set(r.fd, sink);
  }
  return { stdin: ins.get(0) ?? new InputStream(""), out: outs.get(1) ?? NULL_SINK, err: outs.get(2) ?? NULL_SINK, fds: outs };
}

/** /dev/stdin and `<( )` files; a plain path gives back its name for the caller to read. */
function readInput(sh: Interpreter, path: string, stdin: InputStream | undefined): InputStream | string {
  if (path === "/dev/stdin" || path === "/proc/self/fd/0") return stdin ?? new InputStream("");
  const eph = sh.ephemeral.get(path);
  if (eph !== undefined) return new InputStream(eph);
  return path;
}

function specialOut(path: string, outs: Map<number, Sink>): Sink | undefined {
  if (path === "/dev/null") return NULL_SINK;
  if (path === "/dev/stdout" || path === "/proc/self/fd/1") return outs.get(1);
  if (path === "/dev/stderr" || path === "/proc/self/fd/2") return outs.get(2);
  if (path.startsWith("/dev/fd/")) return outs.get(Number(path.slice(8))) ?? NULL_SINK;
  return undefined;
}
