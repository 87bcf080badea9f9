/**
 * Job control against real bash 5.2 on a pty: each scenario's lines are typed into
 * `bash --norc --noprofile` (interactive, PS1='$ ') in a tmux pane (lib/sim/editor/__tests__/tmux-oracle.ts
 * waits for bash to be back at its prompt after each line, so a foreground `sleep` or `wait` takes
 * its real time), and the screen must match the simulator's transcript of the same lines, where a
 * foreground sleep or wait takes its time on the cluster clock. The job notices, `wait`'s statuses
 * and messages, and `jobs -l` are what is compared. Process ids differ between the two by nature:
 * both sides' ids are replaced by PID, and that they grow is checked by the lines themselves.
 * Under CI=true a missing tmux fails instead of skipping.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { haveOracle, runInTmux, setProcesses, startOracleServer, stopOracleServer } from "../editor/__tests__/tmux-oracle";
import { testEngine } from "../core/testing";

const BASH = "/bin/bash";
const CI = process.env.CI === "true";
const available = haveOracle(BASH);
setProcesses({ spawn, execFileSync, spawnSync });

/**
 * Lines typed one after another; every job has ended by the last one. A job that ends at once
 * (`false &`) is not used on a line of its own: whether real bash reports it before the very next
 * prompt depends on whether its SIGCHLD beat the prompt (a race); `sleep 1 && false &` does not race.
 */
const SCENARIOS: Record<string, string[]> = {
  // the notice comes under a foreground sleep that outlasted the job, before the prompt
  "done under a foreground sleep": ["sleep 1 &", "sleep 2", "echo after"],
  "wait for all, then its status": ["sleep 1 & sleep 2 &", "wait", "echo $?"],
  "wait %1 gives the job's status and reports it at once": ["sleep 1 && false &", "wait %1; echo $?", "jobs"],
  "wait PID, and again after it was reported": ["sleep 1 && false & p=$!", "wait $p; echo $?", "wait $p; echo $?", "wait %1; echo $?"],
  "wait for the last job reports the earlier ones that ended": ["sleep 1 & sleep 2 &", "wait %2; echo $?"],
  "wait -n waits for the first": ["sleep 1 & sleep 3 &", "wait -n; echo $?", "sleep 3", "echo x"],
  "wait as the last command, then a command": ["sleep 1 &", "wait %1", "echo $?"],
  "wait's errors": [
    "wait; echo $?",
    "wait -n; echo $?",
    "wait %1; echo $?",
    "wait 99999; echo $?",
    "wait foo; echo $?",
    "wait -x; echo $?",
  ],
  "jobs' errors": ["jobs %3; echo $?", "jobs -q; echo $?"],
  "jobs -l and growing process ids": [
    "sleep 2 & p=$!",
    "sleep 2 & [ $! -gt $p ] && echo grows",
    "jobs -l",
    "jobs -l %1",
    "wait",
    "sleep 1 & [ $! -gt $p ] && echo still grows",
    "wait $!; echo $?",
  ],
};

const normalise = (lines: string[]) =>
  lines.map((l) => l.replace(/^\[(\d+)\] \d+$/, "[$1] PID").replace(/^(\[\d+\][+ -]) +\d+ /, "$1 PID "));

async function runSim(lines: string[]): Promise<string[]> {
  const e = testEngine();
  await e.exec("PS1='$ '");
  let text = "";
  for (const l of lines) text += `$ ${l}\n${(await e.exec(l)).output}`;
  return normalise(text.replace(/\n$/, "").split("\n"));
}

async function runReal(lines: string[]): Promise<string[]> {
  const r = await runInTmux({
    argv: ["/usr/bin/env", "PS1=$ ", BASH, "--norc", "--noprofile"],
    files: {},
    cols: 100,
    rows: 60,
    messages: lines.map((l) => `${l}\r`),
    closing: ["exit\r"],
  });
  const screen = r.screen.slice();
  while (screen.length && (screen[screen.length - 1] === "" || screen[screen.length - 1] === "$")) screen.pop();
  return normalise(screen);
}

describe("job control against real bash on a pty", () => {
  it("has bash and tmux (required under CI=true)", () => {
    if (CI) expect(available, "bash and tmux must be installed for the oracle tests").toBe(true);
  });

  describe.skipIf(!available && !CI)("the scenarios", () => {
    const real = new Map<string, string[]>();
    beforeAll(async () => {
      startOracleServer();
      const queue = Object.entries(SCENARIOS);
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) real.set(next[0], await runReal(next[1]));
      };
      await Promise.all(Array.from({ length: 3 }, worker));
    }, 300_000);
    afterAll(stopOracleServer);

    for (const [name, lines] of Object.entries(SCENARIOS))
      it(name, async () => {
        expect(await runSim(lines)).toEqual(real.get(name));
      });
  });
});
