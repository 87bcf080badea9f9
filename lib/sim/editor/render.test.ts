/**
 * The editors' terminal output played into a real terminal emulator (@xterm/headless, the same
 * engine as the browser's xterm.js), at 80x24 and at a phone's 40x20: after every message the
 * emulator's screen must read exactly as the editor's own frame, so the incremental redraws,
 * the alternate screen, wrapping and resizes all land where they should.
 */
import { Terminal } from "@xterm/headless";
import { describe, expect, it } from "vitest";
import { DEPLOYMENT, EDIT } from "./__tests__/fixtures";
import { MemFs } from "./__tests__/memfs";
import { rowText } from "./screen";
import { feedEditor, openEditor, resizeEditor, renderEditor, type EditorState } from "./session";
import { nanoFrame } from "./nano/view";
import { vimFrame } from "./vim/view";

const ESC = "\x1b";
const CR = "\r";

function frameOf(s: EditorState) {
  return s.program === "nano" ? nanoFrame(s) : vimFrame(s);
}

function write(term: Terminal, data: string): Promise<void> {
  return new Promise((resolve) => term.write(data, resolve));
}

function screen(term: Terminal): string[] {
  const b = term.buffer.active;
  return Array.from({ length: term.rows }, (_, y) => b.getLine(y)?.translateToString(true) ?? "");
}

async function session(program: "vim" | "nano", content: string, cols: number, rows: number) {
  const fs = new MemFs({ "/root/web.yaml": content });
  const env = { fs, now: 1_700_000_000_000 };
  const term = new Terminal({ cols, rows, allowProposedApi: true });
  await write(term, "controlplane:~$ vim web.yaml\r\n");
  const { state, output } = openEditor({ program, file: "web.yaml", cwd: "/root", home: "/root", cols, rows, maxBytes: 1 << 20 }, env);
  await write(term, output);
  const check = () => {
    const want = frameOf(state);
    expect(screen(term).map((r) => r.replace(/\s+$/, ""))).toEqual(want.rows.map((r) => rowText(r).replace(/\s+$/, "")));
    expect([term.buffer.active.cursorY, term.buffer.active.cursorX]).toEqual([want.cursor.row, want.cursor.col]);
  };
  return {
    term,
    state,
    check,
    async type(...messages: string[]) {
      for (const m of messages) {
        const step = feedEditor(state, m, env);
        await write(term, step.output);
        if (step.exit) return step;
        check();
      }
      return null;
    },
  };
}

describe.each([
  [80, 24],
  [40, 20],
])("vim drawn into xterm at %ix%i", (cols, rows) => {
  it("opens in the alternate screen and every keystroke leaves the screen as the frame says", async () => {
    const t = await session("vim", EDIT, cols, rows);
    expect(t.term.buffer.active.type).toBe("alternate");
    t.check();
    await t.type("G", "gg", "/image" + CR, "w", "ciw", "httpd", ESC, "3j", "dd", "u", ":set nu" + CR, "Vjj", ">", "x", ":q" + CR);
  });

  it("a hit-enter prompt, then back", async () => {
    const t = await session("vim", DEPLOYMENT, cols, rows);
    await t.type(":definitelynotacommand with a long tail" + CR, CR, "j");
  });

  it("a resize redraws the whole screen for the new size", async () => {
    const t = await session("vim", EDIT, cols, rows);
    await t.type("20j");
    t.term.resize(Math.floor(cols / 2) + 10, rows - 4);
    await write(t.term, resizeEditor(t.state, Math.floor(cols / 2) + 10, rows - 4));
    t.check();
  });

  it("after a reload the full render restores the same screen in a fresh terminal", async () => {
    const t = await session("vim", EDIT, cols, rows);
    await t.type("5j", "A", " # edited");
    const fresh = new Terminal({ cols, rows, allowProposedApi: true });
    const restored = JSON.parse(JSON.stringify(t.state)) as EditorState;
    await write(fresh, renderEditor(restored));
    expect(screen(fresh)).toEqual(screen(t.term));
  });

  it(":wq leaves the alternate screen: the shell's screen is back as it was", async () => {
    const t = await session("vim", DEPLOYMENT, cols, rows);
    const exit = await t.type("x", ":wq" + CR);
    expect(exit?.exit?.how).toBe("saved");
    expect(t.term.buffer.active.type).toBe("normal");
    expect(screen(t.term)[0]).toBe("controlplane:~$ vim web.yaml");
  });
});

describe.each([
  [80, 24],
  [40, 20],
])("nano drawn into xterm at %ix%i", (cols, rows) => {
  it("typing, cutting, the write prompt and the help screen", async () => {
    const t = await session("nano", EDIT, cols, rows);
    t.check();
    await t.type("\x1b[B", "abc", "\x0b", "\x0b", "\x1b[6~", "\x15", "\x0f", "\x03", "\x17", "image" + CR, "\x07", "\x1b[6~", "\x18");
    const exit = await t.type("\x18", "n");
    expect(exit?.exit?.how).toBe("discarded");
    expect(t.term.buffer.active.type).toBe("normal");
  });
});
