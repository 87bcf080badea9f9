/**
 * Binary-safe sessions (issue 10, row 5): whatever a command prints or a line holds — NUL, random
 * bytes, a lone surrogate, a megabyte of zeros — is stored, acknowledged and replayed exactly,
 * and the terminal stays open. (lib/server/terminal/terminal-store.int.test.ts proves the
 * storage round trip over random bytes; this proves it end to end.)
 */
import { describe, expect, it } from "vitest";
import { openLiveTerminal, type TestTerminal } from "../terminal-client";
import { signUpLearner, withTestServer } from "../harness";

const h = withTestServer();
const PROMPT = "controlplane:~$ ";

/** Runs one line and returns what the terminal showed between the echo and the next prompt. */
async function run(t: TestTerminal, line: string): Promise<string> {
  t.skip();
  t.type(`${line}\r`);
  const shown = await t.waitFor(PROMPT, 30_000);
  return shown.slice(shown.indexOf("\r\n") + 2, -PROMPT.length);
}

describe("row 5: any output and any input line survive storage and replay", () => {
  it("keeps NULs, random bytes and a lone surrogate, and the terminal stays live", async () => {
    const learner = await signUpLearner(h, "binary", { pro: true });
    const t = await openLiveTerminal(h.url, { cookie: learner.cookie() });
    const zeros = await run(t, "head -c 3 /dev/zero");
    expect(zeros).toBe("\u0000\u0000\u0000");
    await run(t, "head -c 64 /dev/urandom > r.bin");
    const random = await run(t, "cat r.bin");
    expect(random.length).toBeGreaterThanOrEqual(64);
    t.send({ t: "run", id: crypto.randomUUID(), line: "echo lone-\ud800-surrogate and nul-\u0000-char" });
    await t.waitFor(`-char\r\n${PROMPT}`);
    // The largest file the practice shell makes (its filesystem holds 1 MiB in all; /dev/zero yields 256 KiB a read).
    const big = await run(t, "head -c 250000 /dev/zero > zeros.bin; wc -c zeros.bin");
    expect(big).toContain("250000 zeros.bin");
    expect(t.messages.filter((m) => m.t === "error")).toEqual([]);
    expect(t.ws.readyState).toBe(t.ws.OPEN);
    const live = t.screen();
    t.close();

    // After a restart the cluster is reloaded from the database: the same bytes come back.
    await h.restartServer();
    const events = await h.db.prisma.terminalEvent.count({ where: { session: { userId: learner.id } } });
    expect(events).toBeGreaterThanOrEqual(5);
    const again = await openLiveTerminal(h.url, { cookie: learner.cookie() });
    const replay = again.messages.find((m) => m.t === "replay");
    expect(replay && replay.t === "replay" ? replay.d : "").toContain("\u0000\u0000\u0000");
    expect(replay && replay.t === "replay" ? replay.d : "").toContain("lone-\ud800-surrogate");
    expect(live).toContain("lone-\ud800-surrogate");
    expect(await run(again, "wc -c zeros.bin")).toContain("250000 zeros.bin");
    expect(await run(again, "cat r.bin")).toBe(random);
    again.close();
  });
});
