/**
 * The simulator's vim against the real vim 9.0 (tmux pane of the same size, `vim -u DEFAULTS`):
 * for every session in the corpus the file after :wq must be byte-identical, and the screen
 * (every row's text and the cursor) must match before the closing keys. Under CI=true a missing
 * vim or tmux fails instead of skipping.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAll } from "../../testing/__tests__/run-oracle";
import { FILES } from "./__tests__/fixtures";
import { haveOracle, runRealVim, startOracleServer, stopOracleServer, setProcesses, type RealVimRun } from "./__tests__/tmux-oracle";
import { CR, ESC, SCENARIOS, type Scenario } from "./__tests__/vim-corpus";
import { runSimVim } from "./__tests__/vim-driver";

const CI = process.env.CI === "true";
const available = haveOracle();
const CONCURRENCY = 4;

/** Undo messages say how long ago the change was; the two runs cannot agree on wall time. */
const normalise = (rows: string[]) => rows.map((r) => r.replace(/\d+ seconds? ago */, "N seconds ago "));

function sameVim(got: ReturnType<typeof runSimVim>, want: RealVimRun, sc: Scenario): boolean {
  if (got.file !== want.file) return false;
  if (sc.screen === false) return true;
  return (
    normalise(got.screen).join("\n") === normalise(want.screen).join("\n") &&
    got.cursor.row === want.cursor.row &&
    got.cursor.col === want.cursor.col
  );
}

function inputs(sc: Scenario) {
  const f = FILES[sc.file];
  const [cols, rows] = sc.size ?? [80, 24];
  return {
    fileName: f.name,
    content: f.content,
    cols,
    rows,
    messages: sc.messages,
    closing: sc.closing ?? [ESC, ":wq!" + CR],
    program: sc.program,
  };
}

let real = new Map<Scenario, RealVimRun>();
/** ORACLE_ONLY=<text> runs only the sessions whose name contains it (while working on one). */
const only = process.env.ORACLE_ONLY;
const CORPUS = only ? SCENARIOS.filter((sc) => sc.name.includes(only)) : SCENARIOS;
setProcesses({ spawn, execFileSync, spawnSync });

describe("vim oracle", () => {
  it("has vim and tmux (required under CI=true)", () => {
    if (CI) expect(available, "vim and tmux must be installed for the oracle tests").toBe(true);
  });

  describe.skipIf(!available && !CI)("the corpus", () => {
    beforeAll(async () => {
      startOracleServer();
      real = await runAll(CORPUS, CONCURRENCY, (sc) => runRealVim(inputs(sc)));
    }, 600_000);
    afterAll(stopOracleServer);

    it("has at least 60 sessions", () => {
      expect(only ?? SCENARIOS.length >= 60).toBeTruthy();
    });

    for (const sc of CORPUS) {
      it(sc.name, async () => {
        let want = real.get(sc);
        expect(want, "real vim ran").toBeDefined();
        if (!want) return;
        const got = runSimVim(inputs(sc));
        // The harness decides "vim has finished with this key" from /proc; four sessions at once on a
        // loaded 2-core machine can misjudge it. A disagreement is judged against a second, lone run of
        // real vim: the simulator must match that one.
        if (!sameVim(got, want, sc)) want = await runRealVim(inputs(sc));
        expect(got.file, "file after the session").toBe(want.file);
        if (sc.screen !== false) {
          expect(normalise(got.screen).join("\n"), "screen").toBe(normalise(want.screen).join("\n"));
          expect(got.cursor, "cursor").toEqual(want.cursor);
        }
      });
    }
  });
});
