/**
 * Where command output goes (the terminal, a pipe, a command substitution or a file) and where
 * input comes from. Buffers are capped (security.md D3); overflowing one aborts the command line
 * with a LimitError, which the interpreter turns into a message and a usable prompt.
 */
import { FS_ERROR_TEXT, type Vfs } from "../fs/vfs";

/** Aborts the rest of a command line (limits), caught by the interpreter. */
export class LimitError extends Error {}

/** An expansion error (`${x:?}`, `set -u`, bad arithmetic): bash abandons the rest of the line. */
export class ExpansionError extends Error {}

export interface Sink {
  write(text: string): void;
}

/** An in-memory buffer with a byte cap (terminal, pipes, substitutions). */
export class BufferSink implements Sink {
  text = "";
  constructor(
    private readonly cap: number,
    private readonly what: string,
  ) {}

  write(text: string): void {
    if (this.text.length + text.length > this.cap) {
      this.text += text.slice(0, Math.max(0, this.cap - this.text.length));
      throw new LimitError(`${this.what} limit exceeded (${Math.round(this.cap / 1024)} KiB): output truncated`);
    }
    this.text += text;
  }
}

/** Appends to a file through the Vfs; a full filesystem becomes bash's write error. */
export class FileSink implements Sink {
  failed: string | undefined;
  constructor(
    private readonly vfs: Vfs,
    readonly path: string,
  ) {}

  write(text: string): void {
    if (!text || this.failed) return;
    const r = this.vfs.appendFile(this.path, text);
    if (!r.ok) this.failed = `bash: write error: ${FS_ERROR_TEXT[r.error]}\n`;
  }
}

export const NULL_SINK: Sink = { write() {} };

/**
 * Standard input as a stream: `read` takes one line and leaves the rest for the next command,
 * so `while read l; do ...; done < file` and `{ read a; read b; } <<< "$x"` work.
 */
export class InputStream {
  pos = 0;
  constructor(readonly text: string) {}

  /** Everything not read yet; the stream is then at its end. */
  readAll(): string {
    const rest = this.text.slice(this.pos);
    this.pos = this.text.length;
    return rest;
  }

  /** Up to and without `delim`; `eof` when the delimiter was not found. */
  readUntil(delim: string): { text: string; eof: boolean } | undefined {
    if (this.pos >= this.text.length) return undefined;
    const end = delim === "" ? this.text.indexOf("\0", this.pos) : this.text.indexOf(delim, this.pos);
    if (end < 0) return { text: this.readAll(), eof: true };
    const text = this.text.slice(this.pos, end);
    this.pos = end + Math.max(1, delim.length);
    return { text, eof: false };
  }

  readChars(n: number): string | undefined {
    if (this.pos >= this.text.length) return undefined;
    const s = this.text.slice(this.pos, this.pos + n);
    this.pos += s.length;
    return s;
  }
}

export const EMPTY_INPUT = (): InputStream => new InputStream("");

/** The three standard descriptors of a running command. */
export interface IO {
  stdin: InputStream;
  out: Sink;
  err: Sink;
}

/** A step budget shared by everything one command line does (security.md D2). */
export class Budget {
  steps = 0;
  constructor(private readonly max: number) {}

  spend(n: number): void {
    this.steps += n;
    if (this.steps > this.max) throw new LimitError(`step limit exceeded (${this.max} steps per command line)`);
  }
}
