/** Runs the simulator's vim the way real-vim.ts runs the real one: same file, same size, same messages. */
import { openVim, feedVim } from "../vim/session";
import { vimFrame } from "../vim/view";
import { rowText } from "../screen";
import type { VimState } from "../vim/state";
import { MemFs } from "./memfs";

export interface SimVimRun {
  screen: string[];
  cursor: { row: number; col: number };
  file: string | null;
  state: VimState;
  steps: string[][];
  output: string[];
}

export const CWD = "/root";

export function screenOf(s: VimState): string[] {
  return vimFrame(s).rows.map((r) => rowText(r).replace(/\s+$/, ""));
}

export function runSimVim(opts: {
  fileName: string;
  content: string | null;
  cols: number;
  rows: number;
  messages: string[];
  closing: string[];
  program?: "vim" | "view";
  now?: number;
}): SimVimRun {
  const fs = new MemFs(opts.content === null ? {} : { [`${CWD}/${opts.fileName}`]: opts.content });
  let now = opts.now ?? 1_700_000_000_000;
  const opened = openVim(
    { program: opts.program ?? "vim", file: opts.fileName, cwd: CWD, home: CWD, cols: opts.cols, rows: opts.rows, maxBytes: 1024 * 1024 },
    { fs, now },
  );
  const s = opened.state;
  const output = [opened.output];
  const steps: string[][] = [];
  let exited = false;
  for (const m of opts.messages) {
    if (exited) break;
    now += 100;
    const r = feedVim(s, m, { fs, now });
    output.push(r.output);
    steps.push(screenOf(s));
    if (r.exit) exited = true;
  }
  const frame = vimFrame(s);
  const screen = screenOf(s);
  for (const m of opts.closing) {
    if (exited) break;
    const r = feedVim(s, m, { fs, now });
    output.push(r.output);
    if (r.exit) exited = true;
  }
  return { screen, cursor: frame.cursor, file: fs.files.get(`${CWD}/${opts.fileName}`) ?? null, state: s, steps, output };
}
