/**
 * Drives the machine's real vim (and nano) in a tmux pane of a fixed size, the oracles for the
 * editor tests: TERM=xterm-256color, LANG=C.UTF-8, an empty $HOME, keys sent one message at a
 * time.
 *
 * tmux is driven through one control-mode client per session (`tmux -C`, attached with
 * no-output so a slow reader is never dropped for falling behind): commands and their answers
 * go over a pipe. "vim has finished with this key" is "the vim process sleeps in poll(),
 * waiting for input" (a lone <Esc> waits for vim's 'ttimeoutlen', 100 ms, first).
 *
 * The process functions come from the test file that uses this (`setProcesses`): lib/sim's
 * purity check allows child_process only in *.test.ts files.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The parts of a spawned process this driver uses. */
interface Child {
  stdout: NodeJS.ReadableStream;
  stdin: NodeJS.WritableStream;
  on(event: "exit", listener: () => void): unknown;
  kill(): boolean;
}

/** node:child_process's functions, as the test file passes them in. */
export interface Processes {
  spawn(file: string, args: string[]): Child;
  execFileSync(file: string, args: string[], options: { encoding: "utf8" }): string;
  spawnSync(file: string, args: string[]): { status: number | null };
}

let proc: Processes | null = null;

export function setProcesses(p: Processes): void {
  proc = p;
}

function processes(): Processes {
  if (!proc) throw new Error("setProcesses() first");
  return proc;
}

const spawn = (file: string, args: string[]) => processes().spawn(file, args);
const execFileSync = (file: string, args: string[]) => processes().execFileSync(file, args, { encoding: "utf8" });
const spawnSync = (file: string, args: string[]) => processes().spawnSync(file, args);

export const VIM = "/usr/bin/vim";
export const TMUX = "/usr/bin/tmux";
// one tmux server per test file, even when two files share a process (vitest's threads pool)
const socketName = () => `kubeyard-oracle-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
let SOCKET = socketName();

export const NANO = "/usr/bin/nano";

export function haveOracle(binary = VIM): boolean {
  return existsSync(binary) && existsSync(TMUX);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class ControlClient {
  private readonly proc: Child;
  private buf = "";
  private block: string[] | null = null;
  private blockOurs = false;
  private readonly waiting: { resolve: (lines: string[]) => void; reject: (e: Error) => void }[] = [];
  exited = false;

  constructor(session: string) {
    this.proc = spawn(TMUX, ["-L", SOCKET, "-C", "attach-session", "-f", "no-output", "-t", `=${session}`]);
    this.proc.stdout.on("data", (d: Buffer) => this.onData(d.toString("utf8")));
    this.proc.on("exit", () => this.ended());
    // the client can end between a check and a write (its session closed): a write then fails with
    // EPIPE, which must end the waits instead of escaping as an unhandled error
    this.proc.stdin.on("error", () => this.ended());
  }

  private ended(): void {
    this.exited = true;
    for (const w of this.waiting.splice(0)) w.resolve([]);
  }

  /** the last lines tmux sent, for the error when something goes wrong */
  readonly recent: string[] = [];

  private onData(text: string): void {
    this.recent.push(...text.split("\n").slice(0, 50));
    if (this.recent.length > 60) this.recent.splice(0, this.recent.length - 60);
    this.buf += text;
    let nl: number;
    while ((nl = this.buf.indexOf("\n")) >= 0) {
      const line = this.buf.slice(0, nl);
      this.buf = this.buf.slice(nl + 1);
      if (this.block) {
        if (/^%(end|error) /.test(line)) {
          const lines = this.block;
          this.block = null;
          const w = this.blockOurs ? this.waiting.shift() : undefined;
          // tmux answers a failed command with %error and its message: never mistake that for a screen
          if (line.startsWith("%error")) w?.reject(new Error(`tmux: ${lines.join(" ")}`));
          else w?.resolve(lines);
        } else this.block.push(line);
      } else if (line.startsWith("%begin ")) {
        this.block = [];
        this.blockOurs = line.trim().endsWith(" 1");
      } else if (line.startsWith("%exit")) this.exited = true;
    }
  }

  command(cmd: string): Promise<string[]> {
    if (this.exited || !this.proc.stdin.writable) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.proc.stdin.write(cmd + "\n");
    });
  }

  /**
   * Waits until vim is idle: at least `minMs` since now, and the process asleep in poll()
   * (waiting for a key) on three looks 20 ms apart.
   */
  async settle(minMs: number, pid: number | null): Promise<void> {
    const start = Date.now();
    const deadline = start + 30_000;
    let idleLooks = 0;
    for (;;) {
      if (this.exited) return;
      if (Date.now() > deadline) throw new Error("the program did not become idle within 30 s");
      if (Date.now() - start >= minMs) {
        idleLooks = pid === null || waitingForInput(pid) ? idleLooks + 1 : 0;
        if (idleLooks >= 3) return;
        await sleep(20);
        continue;
      }
      await sleep(10);
    }
  }

  close(): void {
    this.proc.stdin.end();
    this.proc.kill();
  }
}

function sessionExists(session: string): boolean {
  return spawnSync(TMUX, ["-L", SOCKET, "has-session", "-t", `=${session}`]).status === 0;
}

/** True while the process sleeps in poll()/select(), i.e. waits for input (Linux /proc). */
function waitingForInput(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0];
    const wchan = readFileSync(`/proc/${pid}/wchan`, "utf8");
    return state === "S" && /poll|select|wait_woken|n_tty_read/.test(wchan);
  } catch {
    return true;
  }
}

let counter = 0;

export interface TerminalRun {
  /** screen rows as tmux shows them, trailing blanks removed */
  screen: string[];
  cursor: { row: number; col: number };
  /** the files after the closing keys (null: does not exist) */
  files: Record<string, string | null>;
}

/**
 * Runs `argv` in a fresh directory holding `files`, in a pane of `cols` x `rows`, sends each
 * message, reads the screen, sends the closing messages and waits for the program to exit.
 */
export async function runInTmux(opts: {
  argv: string[];
  files: Record<string, string | null>;
  cols: number;
  rows: number;
  messages: string[];
  closing: string[];
  /** the name of a key that is only taken as such after a pause (vim's lone <Esc>) */
  escapePauseMs?: number;
}): Promise<TerminalRun> {
  const dir = mkdtempSync(join(tmpdir(), "kubeyard-term-"));
  const session = `t${counter++}`;
  let client: ControlClient | null = null;
  try {
    for (const [name, content] of Object.entries(opts.files)) if (content !== null) writeFileSync(join(dir, name), content);
    const quoted = opts.argv.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
    const cmd = `cd ${dir} && exec env -i TERM=xterm-256color LANG=C.UTF-8 HOME=${dir} PATH=/usr/bin:/bin ${quoted}`;
    // per window: a global "window-size manual" makes tmux 3.3a crash on the next new-session -x -y
    newSession([
      "new-session",
      "-d",
      "-s",
      session,
      "-x",
      String(opts.cols),
      "-y",
      String(opts.rows),
      cmd,
      ";",
      "set-option",
      "-w",
      "-t",
      `=${session}:`,
      "window-size",
      "manual",
    ]);
    client = new ControlClient(session);
    const pidText = (await client.command(`display -p -t =${session}: '#{pane_pid}'`))[0];
    const pid = pidText && /^\d+$/.test(pidText) ? Number(pidText) : null;
    // vim asks the terminal questions at start-up (cursor position, version); keys typed before
    // the answers arrive can be taken for part of them, so start only once it has long been quiet
    await client.settle(1000, pid);
    const send = async (m: string) => {
      if (!client) return;
      if (client.exited || !sessionExists(session)) {
        if (sessionExists(session)) throw new Error("the tmux control client went away");
        return;
      }
      const hex = [...Buffer.from(m, "utf8")].map((b) => b.toString(16).padStart(2, "0"));
      try {
        await client.command(`send-keys -t =${session}: -H ${hex.join(" ")}`);
      } catch (e) {
        // the program may have exited in the meantime: keys for a closed session go nowhere
        if (sessionExists(session)) throw e;
        return;
      }
      await client.settle(m.endsWith("\x1b") ? (opts.escapePauseMs ?? 0) + 150 : 60, pid);
    };
    for (const m of opts.messages) await send(m);
    const screen = (await client.command(`capture-pane -p -t =${session}:`)).map((l) => l.replace(/\s+$/, ""));
    if (screen.length === 0 && sessionExists(session))
      throw new Error(
        `no screen from tmux for ${JSON.stringify(opts.messages)} (client exited: ${client.exited}, session: ${sessionExists(session)})`,
      );
    const [x, y] = ((await client.command(`display -p -t =${session}: '#{cursor_x},#{cursor_y}'`))[0] ?? "0,0").split(",").map(Number);
    for (const m of opts.closing) await send(m);
    // a loaded machine can take a while to write and exit; reading the files early would be a lie
    for (let i = 0; i < 300 && sessionExists(session); i++) await sleep(100);
    if (sessionExists(session)) throw new Error(`${opts.argv[0]} did not exit after the closing keys`);
    const files: Record<string, string | null> = {};
    for (const name of Object.keys(opts.files)) {
      const path = join(dir, name);
      files[name] = existsSync(path) ? readFileSync(path, "utf8") : null;
    }
    return { screen, cursor: { row: y, col: x }, files };
  } finally {
    client?.close();
    spawnSync(TMUX, ["-L", SOCKET, "kill-session", "-t", `=${session}`]);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** vim 9.0 as a kubeadm node runs it without a vimrc: defaults.vim, no viminfo, no swap file. */
export async function runRealVim(opts: {
  fileName: string;
  content: string | null;
  cols: number;
  rows: number;
  messages: string[];
  closing: string[];
  program?: "vim" | "view";
}) {
  const argv = [VIM, "-u", "DEFAULTS", "-i", "NONE", "-n", ...(opts.program === "view" ? ["-R"] : []), opts.fileName];
  const r = await runInTmux({
    argv,
    files: { [opts.fileName]: opts.content },
    cols: opts.cols,
    rows: opts.rows,
    messages: opts.messages,
    closing: opts.closing,
    escapePauseMs: 100,
  });
  return { screen: r.screen, cursor: r.cursor, file: r.files[opts.fileName] ?? null };
}

export type RealVimRun = Awaited<ReturnType<typeof runRealVim>>;

const KEEPER = ["new-session", "-d", "-s", "keeper", "sleep 3600"];

/**
 * `tmux new-session ...` on this file's server (`-f /dev/null`: a server it starts reads no
 * ~/.tmux.conf). Under load the server can die while a client starts ("server exited
 * unexpectedly", seen in CI): then, and only then, the session is tried once more on a fresh server
 * (a new socket, with its keeper session first), so a dead server never fails a test but every
 * other tmux error still does.
 */
function newSession(args: string[]): void {
  const run = (a: string[]) => execFileSync(TMUX, ["-L", SOCKET, "-f", "/dev/null", ...a]);
  try {
    run(args);
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? e);
    if (!/server exited unexpectedly|lost server/.test(stderr)) throw e;
    spawnSync(TMUX, ["-L", SOCKET, "kill-server"]);
    SOCKET = socketName();
    if (args !== KEEPER) run(KEEPER);
    run(args);
  }
}

/** One tmux server for all sessions, kept alive by an idle session so concurrent starts do not race. */
export function startOracleServer(): void {
  newSession(KEEPER);
}

export function stopOracleServer(): void {
  spawnSync(TMUX, ["-L", SOCKET, "kill-server"]);
}
