/** The foreground's timers and persistence rules, with a stand-in worker and fake timers. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ForegroundStepResult } from "@/lib/server/workers/sim-jobs";
import { EDITOR_CHECKPOINT_MS, TerminalForeground, type ForegroundSession } from "./foreground";
import type { RemoteSim } from "./sim-host";

const view = { prompt: "$ ", history: [], now: 0 };

function setup(mode: "raw" | "program") {
  let now = 0;
  const calls: string[] = [];
  const persisted: { output: string; delta: unknown }[] = [];
  let tabs = 1;
  const step = (r: Partial<ForegroundStepResult>): ForegroundStepResult => ({ output: "", mode, durable: false, ...view, now, ...r });
  const sim = {
    mode: () => mode,
    now: () => now,
    prompt: () => "$ ",
    programTick: async () => (calls.push("tick"), step({ output: "frame", nextAt: now + 1000 })),
    programInterrupt: async () => (
      calls.push("interrupt"),
      step({ output: "^C\r\n", mode: "line", durable: true, ended: { transcript: "^C\n", exitCode: 130 }, delta: { fs: {} } as never })
    ),
    editorInput: async (data: string) => (
      calls.push(`key:${data}`),
      data === ":w\r" ? step({ output: "written", durable: true, delta: { fs: { "/root/a": null } } as never }) : step({ output: data })
    ),
    editorCheckpoint: async () => (calls.push("checkpoint"), { fs: {}, editor: "state" }),
  } as unknown as RemoteSim;
  let queue = Promise.resolve();
  const sent: string[] = [];
  const session: ForegroundSession = {
    sim,
    tabs: () => tabs,
    isClosed: () => false,
    enqueue: (fn) => (queue = queue.then(fn)),
    persist: async (ev) => void persisted.push(ev),
    broadcast: (m) => void (m.t === "output" && sent.push(m.d)),
    appendScrollback: () => undefined,
  };
  const fg = new TerminalForeground(session);
  return {
    fg,
    calls,
    persisted,
    sent,
    setTabs: (n: number) => (tabs = n),
    advance: async (ms: number) => {
      now += ms;
      await vi.advanceTimersByTimeAsync(ms);
      await queue;
    },
  };
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe("a program's timer", () => {
  it("steps while a tab is attached, stops when the last one leaves, and catches up when one comes back", async () => {
    const t = setup("program");
    t.fg.programStarted(1000);
    await t.advance(3000);
    expect(t.calls.filter((c) => c === "tick")).toHaveLength(3);
    t.setTabs(0);
    t.fg.lastDetached();
    await t.advance(60_000);
    expect(t.calls.filter((c) => c === "tick")).toHaveLength(3); // a closed tab costs nothing
    t.setTabs(1);
    t.fg.attached();
    await t.advance(0);
    expect(t.calls.filter((c) => c === "tick")).toHaveLength(4);
    await t.fg.input("program", "x\x03");
    expect(t.calls.at(-1)).toBe("interrupt");
    expect(t.persisted.at(-1)?.output).toBe("^C\r\n");
    await t.advance(10_000);
    expect(t.calls.filter((c) => c === "tick")).toHaveLength(4);
  });
});

describe("an editor's keystrokes", () => {
  it("persists a write before its output, and typing at most EDITOR_CHECKPOINT_MS later, once", async () => {
    const t = setup("raw");
    await t.fg.input("raw", ":w\r");
    expect(t.persisted).toHaveLength(1);
    expect(t.sent).toEqual(["written"]);
    await t.fg.input("raw", "a");
    await t.fg.input("raw", "b");
    await t.advance(EDITOR_CHECKPOINT_MS - 1);
    expect(t.calls).not.toContain("checkpoint");
    await t.advance(1);
    expect(t.calls.filter((c) => c === "checkpoint")).toHaveLength(1);
    expect(t.persisted.at(-1)).toMatchObject({ output: "", delta: { editor: "state" } });
    await t.advance(10 * EDITOR_CHECKPOINT_MS);
    expect(t.calls.filter((c) => c === "checkpoint")).toHaveLength(1); // nothing typed since: nothing written
    await t.fg.input("raw", "c");
    t.setTabs(0);
    t.fg.lastDetached();
    await t.advance(0);
    expect(t.calls.filter((c) => c === "checkpoint")).toHaveLength(2); // the last tab left: saved at once
  });
});
