/**
 * Where command output goes: the terminal, a pipe, a command substitution or a file. Buffers are
 * capped (security.md D3); overflowing one aborts the command line with a LimitError, which the
 * interpreter turns into a message and a usable prompt.
 */
import { FS_ERROR_TEXT, type Vfs } from "../fs/vfs";

/** Aborts the rest of a command line (limits), caught by the Simulator. */
export class LimitError extends Error {}

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

/** A step budget shared by everything one command line does (security.md D2). */
export class Budget {
  steps = 0;
  constructor(private readonly max: number) {}

  spend(n: number): void {
    this.steps += n;
    if (this.steps > this.max) throw new LimitError(`step limit exceeded (${this.max} steps per command line)`);
  }
}
