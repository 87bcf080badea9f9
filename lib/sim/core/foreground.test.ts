/** The terminal hand-over: editors and foreground programs through the engine, as the terminal server drives them. */
import { describe, expect, it } from "vitest";
import { coreutils } from "../commands/coreutils";
import { editors } from "../commands/editors";
import { watch } from "../commands/watch";
import { applyDelta, SimEngine, type SavedState } from "./sim-engine";
import { noKeys, testState, TEST_NOW } from "./testing";

function engine() {
  const clock = { t: TEST_NOW, now: () => clock.t };
  const sim = new SimEngine(testState({ "/root/web.yaml": "apiVersion: v1\nkind: Pod\n" }), { clock, keys: noKeys }, [
    ...coreutils,
    ...editors,
    watch,
  ]);
  return { sim, clock };
}
const ESC = "\x1b";

describe("editors take the terminal", () => {
  it("opens vim as the last command of a line, writes through the VFS on :wq and gives the prompt back", async () => {
    const { sim } = engine();
    const r = await sim.exec("cd /root && vim new.yaml", { cols: 60, rows: 20 });
    expect(r.mode).toBe("raw");
    expect(r.screen).toContain("\x1b[?1049h");
    expect(r.screen).toContain('"new.yaml" [New]');
    expect(r.delta.editor?.launch).toEqual({ program: "vim", file: "new.yaml", resume: null });
    expect(sim.terminalMode()).toBe("raw");
    const typed = await sim.editorInput("ikind: Namespace");
    expect(typed.delta).toBeUndefined(); // a keystroke is not durable by itself
    const done = await sim.editorInput(`${ESC}:wq\r`);
    expect(done.mode).toBe("line");
    expect(done.ended).toEqual({ transcript: "", exitCode: 0 });
    expect(done.output).toContain("\x1b[?1049l");
    expect(done.delta?.fs["/root/new.yaml"]).toMatchObject({ type: "file", content: "kind: Namespace\n" });
    expect(done.delta?.editor).toBeNull();
    expect((await sim.exec("cat new.yaml; echo $?")).output).toBe("kind: Namespace\n0\n");
  });

  it("refuses an editor that is not the last simple command of the line", async () => {
    const { sim } = engine();
    for (const line of [
      "vim a; ls /root",
      "echo x | vim a",
      "vim a | cat",
      "(vim a)",
      "echo $(vim a)",
      "f() { vim a; }; f",
      "vim a > /tmp/o",
      "for i in 1; do vim a; done",
    ]) {
      const r = await sim.exec(line);
      expect(r.mode, line).toBe("line");
      expect(r.output, line).toContain("vim: the editor runs only as the last command of a line here");
    }
    expect((await sim.exec("nano -Z x")).output).toBe("nano: the option -Z is not available in this terminal\n");
  });

  it("keeps a written file durable at once and survives a save and restore mid-edit", async () => {
    const { sim, clock } = engine();
    const saved: SavedState = sim.serialize();
    applyDelta(saved, (await sim.exec("vi web.yaml", { cols: 80, rows: 24 })).delta);
    await sim.editorInput("Gometadata:\rname: a");
    const w = await sim.editorInput(`${ESC}:w\r`);
    expect(w.durable).toBe(true);
    expect(w.mode).toBe("raw");
    applyDelta(saved, w.delta ?? { fs: {}, shell: sim.state.shell, rng: sim.state.rng, resourceVersion: 0, clockOffsetMs: 0 });
    await sim.editorInput("olabels: {}");
    applyDelta(saved, await sim.editorCheckpoint());
    const again = SimEngine.restoreWith(JSON.parse(JSON.stringify(saved)), { clock, keys: noKeys }, [...coreutils, ...editors]);
    expect(again.terminalMode()).toBe("raw");
    const screen = await again.terminalScreen();
    expect(screen).toContain("  labels: {}");
    expect(screen).toContain("-- INSERT --");
    const end = await again.editorInput(`${ESC}ZZ`);
    expect(end.mode).toBe("line");
    expect((await again.exec("cat web.yaml")).output).toBe("apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: {}\n");
  });
});

describe("foreground programs", () => {
  it("sleep waits on the cluster clock, and Ctrl-C ends it with ^C and 130", async () => {
    const { sim, clock } = engine();
    const term = { cols: 80, rows: 24 };
    const r = await sim.exec("sleep 2", term);
    expect(r.mode).toBe("program");
    expect(r.nextAt).toBe(TEST_NOW + 2000);
    clock.t += 1000;
    expect((await sim.programTick()).mode).toBe("program");
    clock.t += 1000;
    const end = await sim.programTick();
    expect(end).toMatchObject({ mode: "line", ended: { exitCode: 0 } });
    await sim.exec("sleep 1m", term);
    const c = await sim.programInterrupt();
    expect(c).toMatchObject({ output: "^C\r\n", mode: "line", ended: { transcript: "^C\n", exitCode: 130 } });
    expect((await sim.exec("echo $?")).output).toBe("130\n");
    // inside a line, sleep returns at once as before
    expect((await sim.exec("sleep 1; echo done", term)).output).toBe("done\n");
  });

  it("runs a program to its end on the simulated clock when no terminal is attached (the course replay)", async () => {
    const { sim } = engine();
    const before = sim.now();
    const r = await sim.exec("sleep 90");
    expect(r).toMatchObject({ mode: "line", exitCode: 0, output: "" });
    expect(sim.now() - before).toBe(90_000);
    // watch is a full screen nobody would see: it ends at once, leaving nothing on the main screen
    const w = await sim.exec("watch -n 5 date");
    expect(w).toMatchObject({ mode: "line", exitCode: 130, output: "" });
    expect(sim.now() - before).toBe(90_000);
  });

  it("watch redraws its command's output every interval under procps's header, until Ctrl-C", async () => {
    const { sim, clock } = engine();
    await sim.exec("cd /tmp");
    const r = await sim.exec("watch -n 5 cat /root/web.yaml", { cols: 80, rows: 10 });
    expect(r.mode).toBe("program");
    expect(r.screen).toBe(
      "\x1b[?1049h\x1b[H\x1b[2J" +
        `${"Every 5.0s: cat /root/web.yaml".padEnd(80 - 38 - 1)} controlplane: Sat Nov 28 09:08:33 2026\r\n\r\napiVersion: v1\r\nkind: Pod`,
    );
    expect(r.nextAt).toBe(TEST_NOW + 5000);
    await sim.exec("true"); // not reached by the terminal server while watch runs; the shell is untouched by watch
    clock.t += 5000;
    const t = await sim.programTick();
    expect(t.output).toContain("Sat Nov 28 09:08:38 2026");
    expect(t.nextAt).toBe(TEST_NOW + 10_000);
    const c = await sim.programInterrupt();
    expect(c).toMatchObject({ output: "\x1b[?1049l", mode: "line", ended: { transcript: "", exitCode: 130 } });
    expect(sim.prompt()).toBe("controlplane:/tmp$ ");
  });
});
