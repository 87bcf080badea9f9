/**
 * The simulator's nano against the real nano 7.2 (tmux pane of the same size, Debian's
 * /etc/nanorc): the same file after the session, and the same screen (text and cursor) before
 * the closing keys. Under CI=true a missing nano or tmux fails instead of skipping (CI installs
 * nano from Debian).
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FILES } from "./__tests__/fixtures";
import { NANO_SCENARIOS, type NanoScenario } from "./__tests__/nano-corpus";
import { haveOracle, NANO, runInTmux, setProcesses, startOracleServer, stopOracleServer, type TerminalRun } from "./__tests__/tmux-oracle";
import { MemFs } from "./__tests__/memfs";
import { feedNano, openNano } from "./nano/session";
import { nanoFrame } from "./nano/view";
import { rowText } from "./screen";

const CI = process.env.CI === "true";
const available = haveOracle(NANO);
setProcesses({ spawn, execFileSync, spawnSync });

function inputs(sc: NanoScenario) {
  const f = FILES[sc.file];
  const [cols, rows] = sc.size ?? [80, 24];
  const closing = sc.closing ?? [String.fromCharCode(24), "n"];
  return { name: f.name, content: f.content, cols, rows, closing };
}

function runSim(sc: NanoScenario) {
  const { name, content, cols, rows, closing } = inputs(sc);
  const fs = new MemFs(content === null ? {} : { [`/root/${name}`]: content });
  const env = { fs, now: 1_700_000_000_000 };
  const { state } = openNano({ file: name, cwd: "/root", home: "/root", cols, rows, maxBytes: 1 << 20 }, env);
  let exited = false;
  for (const m of sc.messages) if (!exited) exited = !!feedNano(state, m, env).exit;
  const frame = nanoFrame(state);
  const screen = frame.rows.map((r) => rowText(r).replace(/\s+$/, ""));
  for (const m of closing) if (!exited) exited = !!feedNano(state, m, env).exit;
  return { screen, cursor: frame.cursor, file: fs.files.get(`/root/${name}`) ?? null };
}

const real = new Map<string, TerminalRun>();

function runReal(sc: (typeof NANO_SCENARIOS)[number]): Promise<TerminalRun> {
  const { name, content, cols, rows, closing } = inputs(sc);
  // nano writes a lock file beside the one it edits (set locking): give it a name we ignore
  return runInTmux({ argv: [NANO, name], files: { [name]: content }, cols, rows, messages: sc.messages, closing });
}

function sameNano(got: ReturnType<typeof runSim>, want: TerminalRun, sc: (typeof NANO_SCENARIOS)[number]): boolean {
  if (got.file !== (want.files[inputs(sc).name] ?? null)) return false;
  if (sc.screen === false) return true;
  return got.screen.join("\n") === want.screen.join("\n") && got.cursor.row === want.cursor.row && got.cursor.col === want.cursor.col;
}

describe("nano oracle", () => {
  it("has nano and tmux (required under CI=true)", () => {
    if (CI) expect(available, "nano and tmux must be installed for the oracle tests (apt-get install nano)").toBe(true);
  });

  describe.skipIf(!available && !CI)("the corpus", () => {
    beforeAll(async () => {
      startOracleServer();
      const queue = [...NANO_SCENARIOS];
      const worker = async () => {
        for (let sc = queue.shift(); sc; sc = queue.shift()) real.set(sc.name, await runReal(sc));
      };
      await Promise.all(Array.from({ length: 4 }, worker));
    }, 600_000);
    afterAll(stopOracleServer);

    for (const sc of NANO_SCENARIOS) {
      it(sc.name, async () => {
        let want = real.get(sc.name);
        expect(want, "real nano ran").toBeDefined();
        if (!want) return;
        const got = runSim(sc);
        // as in vim.oracle.test.ts: a disagreement is judged against a second, lone run of real nano
        // (the harness's idle detection can misjudge under load)
        if (!sameNano(got, want, sc)) want = await runReal(sc);
        expect(got.file, "file after the session").toBe(want.files[inputs(sc).name] ?? null);
        if (sc.screen !== false) {
          expect(got.screen.join("\n"), "screen").toBe(want.screen.join("\n"));
          expect(got.cursor, "cursor").toEqual(want.cursor);
        }
      });
    }
  });
});
