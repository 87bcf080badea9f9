/**
 * The interactive shell's job table (`cmd &` at the prompt): the lines of `jobs` and the notices
 * bash prints before a prompt once a job has ended. Shared by the interpreter (the prompt after a
 * line, `jobs`, `wait`) and the foreground (the prompt after a program or an editor that held the
 * terminal while a job ended). The formats are bash 5.2's on a pty (lib/sim/shell/jobs.test.ts):
 *
 *   [1]-  Running                 sleep 3 &        (jobs)
 *   [1]-  8604 Running                 sleep 3 &   (jobs -l; [1]- 12432 for a five-digit id)
 *   [1]+  Done                    sleep 1          (the notice; Exit N for a non-zero status,
 *                                                    Terminated/Killed/Interrupt for a signal's)
 */
import type { BackgroundJob, ShellExtras } from "./state";

/**
 * A job ended by a signal, as bash's job notices name it (the C library's strsignal texts):
 * `kill %1` sends SIGTERM, so the job's status is 128+15 and bash prints "Terminated".
 */
const KILLED_BY: Record<number, string> = { 130: "Interrupt", 137: "Killed", 143: "Terminated" };

/** How many statuses of reported background processes the shell keeps for `wait PID` (bash's bgpids list). */
export const MAX_EXITED = 64;

export interface JobLineOptions {
  /** the notices of the jobs that ended, not the whole table */
  finishedOnly: boolean;
  /** jobs -l: the process id after the mark */
  long?: boolean;
  /** jobs started by the line being run: bash draws the prompt before such a child can have exited */
  startedThisLine?: ReadonlySet<number>;
  /** job numbers to print (jobs %1); all when absent */
  only?: ReadonlySet<number>;
}

/**
 * The job table's lines: `[n]+` for the current (newest) job, `[n]-` for the one before, Running
 * until the cluster clock passes the job's end, then `Done` or `Exit N`. The ended jobs that were
 * printed leave the table, their statuses kept for `wait PID`.
 */
export function jobLines(shell: ShellExtras, now: number, o: JobLineOptions): string {
  const jobs = shell.jobs ?? [];
  const started = o.startedThisLine ?? new Set<number>();
  const ended = (j: BackgroundJob) => j.endsAt <= now && !(o.finishedOnly && started.has(j.n));
  let text = "";
  const reported: BackgroundJob[] = [];
  jobs.forEach((j, i) => {
    if (o.only && !o.only.has(j.n)) return;
    const mark = i === jobs.length - 1 ? "+" : i === jobs.length - 2 ? "-" : " ";
    const done = ended(j);
    if (o.finishedOnly && !done) return;
    const status = !done ? "Running" : j.code === 0 ? "Done" : (KILLED_BY[j.code] ?? `Exit ${j.code}`);
    // jobs -l: the id right-aligned in five columns after one space ("[1]- 12432 Running", "[1]-  8604 Running")
    const pid = o.long && j.pid !== undefined ? ` ${String(j.pid).padStart(5)} ` : "  ";
    text += `[${j.n}]${mark}${pid}${status.padEnd(24)}${j.text}${done ? "" : " &"}\n`;
    if (done) reported.push(j);
  });
  if (reported.length) {
    const left = jobs.filter((j) => !reported.includes(j));
    if (left.length) shell.jobs = left;
    else delete shell.jobs;
    const exited = [
      ...(shell.exited ?? []),
      ...reported.filter((j) => j.pid !== undefined).map((j) => ({ pid: j.pid ?? 0, code: j.code })),
    ];
    shell.exited = exited.slice(-MAX_EXITED);
  }
  return text;
}

/** The notices of the jobs that ended by `now`, for the prompt that follows a program or an editor. */
export function finishedJobNotices(shell: ShellExtras, now: number): string {
  return shell.jobs ? jobLines(shell, now, { finishedOnly: true }) : "";
}

/**
 * The job a jobspec names (`%1`, `%%`, `%+`, `%-`, `%sleep` for the job whose command starts so),
 * or undefined when there is none.
 */
export function findJob(jobs: readonly BackgroundJob[], spec: string): BackgroundJob | undefined {
  const s = spec.slice(1);
  if (s === "" || s === "%" || s === "+") return jobs[jobs.length - 1];
  if (s === "-") return jobs[jobs.length - 2] ?? jobs[jobs.length - 1];
  if (/^\d+$/.test(s)) return jobs.find((j) => j.n === Number(s));
  if (s.startsWith("?")) return jobs.find((j) => j.text.includes(s.slice(1)));
  return jobs.find((j) => j.text.startsWith(s));
}
