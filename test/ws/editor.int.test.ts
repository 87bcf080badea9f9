/**
 * Full-screen editors and foreground programs over the real WebSocket (lib/sim/editor/README.md
 * section 3, lib/sim/programs/README.md): raw mode, several tabs, resize, durability of a written
 * file and of the keystrokes across a graceful restart and a kill -9, kubectl edit, sleep, watch.
 */
import { describe, expect, it } from "vitest";
import type { ServerMessage } from "../../lib/terminal/protocol";
import { signUpLearner, withTestServer } from "../harness";
import { openLiveTerminal, openTerminal, type TestTerminal } from "../terminal-client";

const h = withTestServer();
const PROMPT = "controlplane:~$ ";

/** The next `mode` message after the messages already seen. */
function nextMode(t: TestTerminal, mode: "raw" | "line"): Promise<ServerMessage> {
  const from = t.messages.length;
  return t.waitForMessage((m) => m.t === "mode" && m.mode === mode && t.messages.indexOf(m) >= from);
}

describe("editors over the WebSocket", () => {
  it("writes a file with vim, shows the editor to a second tab and gives the prompt back on :wq", async () => {
    const me = await signUpLearner(h, "vim", { pro: true });
    const t = await openLiveTerminal(h.url, { cookie: me.cookie() });
    expect(t.messages).toContainEqual({ t: "mode", mode: "line" });
    t.send({ t: "resize", cols: 70, rows: 20 });
    const raw = nextMode(t, "raw");
    t.type("vim pod.yaml\r");
    await raw;
    expect(await t.waitFor('"pod.yaml" [New]')).toContain("\x1b[?1049h");
    t.type("iapiVersion: v1\rkind: Pod");
    await t.waitFor("kind: Pod");
    // a second tab attaches: it gets the editor's whole screen and raw mode
    const u = await openLiveTerminal(h.url, { cookie: me.cookie() });
    const replay = (await u.waitForMessage((m) => m.t === "replay")) as { d: string };
    expect(replay.d).toContain("\x1b[?1049h");
    expect(replay.d).toContain("kind: Pod");
    await u.waitForMessage((m) => m.t === "mode" && m.mode === "raw");
    const back = nextMode(t, "line");
    t.type("\x1b:wq\r");
    await back;
    expect(await t.waitFor(PROMPT)).toContain("\x1b[?1049l");
    await u.waitFor(PROMPT);
    t.type("cat pod.yaml\r");
    expect(await t.waitFor(PROMPT)).toContain("apiVersion: v1\r\nkind: Pod\r\n");
    t.close();
    u.close();
  });

  it("finds the editor as it was after a graceful restart, and a written file after kill -9", async () => {
    const me = await signUpLearner(h, "restart", { pro: true });
    const t = await openLiveTerminal(h.url, { cookie: me.cookie() });
    const raw = nextMode(t, "raw");
    t.type("nano notes.txt\r");
    await raw;
    t.type("first line, saved");
    t.type("\x0f\r"); // ^O Enter: write
    await t.waitFor("Wrote 1 line");
    t.type("\rsecond line, typed only");
    await t.waitFor("typed only");
    t.close(); // the last tab left: the keystrokes are checkpointed
    await h.restartServer();
    const r = await openTerminal(h.url, { cookie: me.cookie() });
    const replay = (await r.waitForMessage((m) => m.t === "replay", 30_000)) as { d: string };
    expect(replay.d).toContain("second line, typed only");
    await r.waitForMessage((m) => m.t === "mode" && m.mode === "raw");
    r.close();
    await h.restartServer({ kill: true });
    const k = await openLiveTerminal(h.url, { cookie: me.cookie() });
    await k.waitForMessage((m) => m.t === "mode" && m.mode === "raw");
    const back = nextMode(k, "line");
    k.type("\x18n"); // ^X, then No: quit without saving the second line
    await back;
    await k.waitFor(PROMPT);
    k.skip();
    k.type("cat notes.txt\r");
    expect(await k.waitFor(PROMPT)).toBe("cat notes.txt\r\nfirst line, saved\r\n" + PROMPT);
    k.close();
  });

  it("kubectl edit opens the object, applies the change and prints edited", async () => {
    const me = await signUpLearner(h, "edit", { pro: true });
    const t = await openLiveTerminal(h.url, { cookie: me.cookie() });
    const raw = nextMode(t, "raw");
    t.type("kubectl edit configmap kube-root-ca.crt\r");
    await raw;
    await t.waitFor("# Please edit the object below.");
    const back = nextMode(t, "line");
    // vim's yaml indenting (as on a real node) puts "labels:" under metadata and "team" under labels
    t.type("/^metadata:\rolabels:\rteam: blue\x1b:wq\r");
    await back;
    expect(await t.waitFor(PROMPT)).toContain("configmap/kube-root-ca.crt edited\r\n");
    t.type("kubectl get cm kube-root-ca.crt --show-labels\r");
    expect(await t.waitFor(PROMPT)).toMatch(/team=blue/);
    t.close();
  });
});

describe("foreground programs over the WebSocket", () => {
  it("sleep holds the prompt until Ctrl-C; watch redraws as time passes", async () => {
    const me = await signUpLearner(h, "programs", { pro: true });
    const t = await openLiveTerminal(h.url, { cookie: me.cookie() });
    t.type("sleep 300\r");
    await t.waitFor("sleep 300\r\n");
    t.type("echo typed-while-sleeping"); // a program takes no line input
    t.type("\x03");
    expect(await t.waitFor(PROMPT)).toBe("^C\r\n" + PROMPT);
    t.type("echo $?\r");
    expect(await t.waitFor(PROMPT)).toContain("130\r\n");
    t.send({ t: "resize", cols: 80, rows: 12 });
    t.type("watch -n 1 date +%s%N\r");
    const first = await t.waitFor(/Every 1\.0s: date \+%s%N +controlplane: .*\r\n\r\n\d+/);
    const second = await t.waitFor(/\x1b\[H\x1b\[2JEvery 1\.0s: date/, 5000);
    expect(first).toContain("\x1b[?1049h");
    expect(second).toBeTruthy();
    t.type("\x03");
    expect(await t.waitFor(PROMPT)).toContain("\x1b[?1049l");
    t.close();
  });
});
