/**
 * The vim session's own behaviour: key sequences against buffer, cursor, mode and messages; the
 * exit contract; limits; serialisation. Fidelity to real vim is the oracle test's job.
 */
import { describe, expect, it } from "vitest";
import { DEPLOYMENT, NOTES } from "./__tests__/fixtures";
import { MemFs } from "./__tests__/memfs";
import { screenOf } from "./__tests__/vim-driver";
import { MAX_UNDO_ENTRIES } from "./buffer";
import type { EditorStep } from "./types";
import { feedVim, openVim, renderVim, resizeVim } from "./vim/session";
import type { VimState } from "./vim/state";

const ESC = "\x1b";
const CR = "\r";

function open(
  content: string | null,
  opts: { name?: string; program?: "vim" | "view"; cols?: number; rows?: number; maxBytes?: number } = {},
) {
  const name = opts.name ?? "web.yaml";
  const fs = new MemFs(content === null ? {} : { [`/root/${name}`]: content });
  let now = 1_700_000_000_000;
  const opened = openVim(
    {
      program: opts.program ?? "vim",
      file: name,
      cwd: "/root",
      home: "/root",
      cols: opts.cols ?? 80,
      rows: opts.rows ?? 24,
      maxBytes: opts.maxBytes ?? 1 << 20,
    },
    { fs, now },
  );
  const s = opened.state;
  const t = {
    s,
    fs,
    opened,
    type(...messages: string[]): EditorStep {
      let last: EditorStep = { output: "" };
      for (const m of messages) {
        now += 1000;
        last = feedVim(s, m, { fs, now });
      }
      return last;
    },
    bottom: () => screenOf(s)[s.screen.rows - 1],
    text: () => s.buf.lines.join("\n"),
  };
  return t;
}

describe("vim: editing", () => {
  it("opens a file with vim's message and the cursor on line 1", () => {
    const t = open(DEPLOYMENT);
    expect(t.bottom()).toMatch(/^"web\.yaml" 24L, 376B +1,1 +Top$/);
    expect(t.s.cursor).toEqual({ line: 0, col: 0 });
    expect(t.s.mode).toBe("normal");
  });

  it("a new file says [New] and has one empty line", () => {
    const t = open(null, { name: "x.yaml" });
    expect(t.bottom()).toMatch(/^"x\.yaml" \[New\] +0,0-1 +All$/);
    expect(t.s.buf.lines).toEqual([""]);
  });

  it("i, typing and <Esc>: insert mode, -- INSERT --, the cursor steps back", () => {
    const t = open("abc\n", { name: "a.txt" });
    t.type("i");
    expect(t.s.mode).toBe("insert");
    expect(t.bottom()).toMatch(/^-- INSERT --/);
    t.type("xy", ESC);
    expect(t.text()).toBe("xyabc");
    expect(t.s.cursor).toEqual({ line: 0, col: 1 });
    expect(t.s.mode).toBe("normal");
  });

  it("counts: 3dd deletes three lines and says so; u brings them back; CTRL-R again", () => {
    const t = open(DEPLOYMENT);
    t.type("4G", "3dd");
    expect(t.s.buf.lines.length).toBe(21);
    expect(t.bottom()).toMatch(/^3 fewer lines/);
    t.type("u");
    expect(t.text() + "\n").toBe(DEPLOYMENT);
    expect(t.bottom()).toMatch(/^3 more lines; before #1  1 second ago/);
    t.type("\x12");
    expect(t.s.buf.lines.length).toBe(21);
    expect(t.bottom()).toMatch(/^3 fewer lines; after #1/);
  });

  it("yy p, and . repeats the last change", () => {
    const t = open("one\ntwo\n", { name: "a.txt" });
    t.type("yyp");
    expect(t.s.buf.lines).toEqual(["one", "one", "two"]);
    t.type("G", "A!", ESC, "k", ".");
    expect(t.s.buf.lines).toEqual(["one", "one!", "two!"]);
  });

  it(">> uses shiftwidth 2 and spaces in yaml, a tab in a plain file", () => {
    const y = open("a: 1\n");
    y.type(">>");
    expect(y.text()).toBe("  a: 1");
    const p = open(NOTES, { name: "notes.txt" });
    p.type(">>");
    expect(p.s.buf.lines[0]).toBe("\tkubeadm upgrade plan");
  });

  it("o after a mapping key indents as indent/yaml.vim does, and ':' re-indents", () => {
    const t = open("spec:\n  template:\n    metadata:\n      name: x\n");
    t.type("4G", "o");
    expect(t.s.buf.lines[4]).toBe("        ");
    t.type("labels:", ESC);
    expect(t.s.buf.lines[4]).toBe("      labels:");
  });

  it("/search, n, N with wrap messages and E486", () => {
    const t = open(DEPLOYMENT);
    t.type("/app" + CR);
    expect(t.s.cursor).toEqual({ line: 0, col: 12 });
    t.type("n");
    expect(t.s.cursor).toEqual({ line: 5, col: 4 });
    t.type("G", "n");
    expect(t.bottom()).toMatch(/^search hit BOTTOM, continuing at TOP/);
    t.type("N");
    expect(t.bottom()).toMatch(/^search hit TOP, continuing at BOTTOM/);
    t.type("/nosuch" + CR);
    expect(t.bottom()).toMatch(/^E486: Pattern not found: nosuch/);
  });

  it("visual V > and d", () => {
    const t = open("a\nb\nc\n", { name: "a.txt" });
    t.type("V");
    expect(t.bottom()).toMatch(/^-- VISUAL LINE --/);
    t.type("j>");
    expect(t.s.buf.lines).toEqual(["\ta", "\tb", "c"]);
    t.type("vjd");
    expect(t.s.buf.lines).toEqual(["\t", "c"]);
  });

  it(":set number shows the number column; :set nonu hides it", () => {
    const t = open("a\n", { name: "a.txt" });
    t.type(":set nu" + CR);
    expect(screenOf(t.s)[0]).toBe("  1 a");
    t.type(":set nonu" + CR);
    expect(screenOf(t.s)[0]).toBe("a");
    t.type(":set sw?" + CR);
    expect(t.bottom()).toMatch(/^ {2}shiftwidth=8/);
  });

  it(":set paste shows -- INSERT (paste) -- and hides the ruler", () => {
    const t = open("a\n", { name: "a.txt" });
    t.type(":set paste" + CR, "i");
    expect(t.bottom()).toBe("-- INSERT (paste) --");
  });

  it("CTRL-C in insert mode leaves it without repeating the count", () => {
    const t = open("x\n", { name: "a.txt" });
    t.type("3i", "ab", "\x03");
    expect(t.text()).toBe("abx");
    expect(t.s.mode).toBe("normal");
  });
});

describe("vim: files and quitting", () => {
  it(":wq writes, reports how it ended and the content", () => {
    const t = open("a\n", { name: "a.txt" });
    const r = t.type("x", ":wq" + CR);
    expect(r.exit).toEqual({ exitCode: 0, how: "saved", written: ["/root/a.txt"], content: "\n", path: "/root/a.txt" });
    expect(t.fs.files.get("/root/a.txt")).toBe("\n");
    expect(r.output).toBe("\x1b[?2004l\x1b[?1049l");
  });

  it(":q refuses with E37 after a change; :q! discards; :cq exits 1", () => {
    const t = open("a\n", { name: "a.txt" });
    expect(t.type("x", ":q" + CR).exit).toBeUndefined();
    expect(t.bottom()).toMatch(/^E37: No write since last change \(add ! to override\)/);
    expect(t.type(":q!" + CR).exit).toMatchObject({ how: "discarded", exitCode: 0, written: [] });
    expect(t.fs.files.get("/root/a.txt")).toBe("a\n");
    expect(open("a\n", { name: "a.txt" }).type(":cq" + CR).exit).toMatchObject({ exitCode: 1, how: "unchanged" });
  });

  it("view is read-only: E45 on :w, W10 on the first change, :w! writes", () => {
    const t = open("a\n", { name: "a.txt", program: "view" });
    expect(t.bottom()).toMatch(/^"a\.txt" \[readonly\] 1L, 2B/);
    t.type(":w" + CR);
    expect(t.bottom()).toMatch(/^E45: 'readonly' option is set \(add ! to override\)/);
    t.type("x");
    expect(t.bottom()).toMatch(/^W10: Warning: Changing a readonly file/);
    t.type(":w!" + CR);
    expect(t.fs.files.get("/root/a.txt")).toBe("\n");
  });

  it(":w newname writes a new file, :w over another existing file needs !", () => {
    const t = open("a\n", { name: "a.txt" });
    t.fs.files.set("/root/b.txt", "old\n");
    t.type(":w c.txt" + CR);
    expect(t.bottom()).toMatch(/^"c\.txt" \[New\] 1L, 2B written/);
    t.type(":w b.txt" + CR);
    expect(t.bottom()).toMatch(/^E13: File exists \(add ! to override\)/);
    t.type(":w! b.txt" + CR);
    expect(t.fs.files.get("/root/b.txt")).toBe("a\n");
  });

  it("write errors from the file system are vim's E212 and E514", () => {
    const t = open("a\n", { name: "a.txt" });
    t.type(":w /nodir/x" + CR);
    expect(t.bottom()).toMatch(/^"\/nodir\/x" E212: Can't open file for writing/);
    t.fs.maxFileBytes = 1;
    t.type(":w" + CR);
    expect(t.bottom()).toMatch(/^"a\.txt" E514: Write error \(file system full\?\)/);
  });

  it("ZZ on an unchanged new file quits without creating it", () => {
    const t = open(null, { name: "new.yaml" });
    expect(t.type("ZZ").exit).toMatchObject({ how: "unchanged", written: [] });
    expect(t.fs.files.has("/root/new.yaml")).toBe(false);
  });
});

describe("vim: limits, output and persistence", () => {
  it("refuses to grow the buffer past its limit, with a message, and keeps the text", () => {
    const t = open("abc\n", { name: "a.txt", maxBytes: 10 });
    t.type("A", "defghijklmnop", ESC);
    expect(t.text().length).toBeLessThanOrEqual(9);
    expect(t.s.message?.kind).toBe("error");
  });

  it("keeps at most MAX_UNDO_ENTRIES undo steps", () => {
    const t = open("0\n", { name: "a.txt" });
    for (let i = 0; i < MAX_UNDO_ENTRIES + 20; i++) t.type("\x01");
    expect(t.s.buf.undo.length).toBe(MAX_UNDO_ENTRIES);
    expect(t.text()).toBe(String(MAX_UNDO_ENTRIES + 20));
  });

  it("a 256 KiB paste in 4 KiB messages draws once, at the end, one screenful", () => {
    const t = open("start\n", { name: "a.txt" });
    t.type("o");
    const paste = "\x1b[200~" + "line of pasted text\r".repeat(13_800) + "\x1b[201~";
    const outputs: string[] = [];
    for (let i = 0; i < paste.length; i += 4096) outputs.push(t.type(paste.slice(i, i + 4096)).output);
    expect(outputs.slice(0, -1).every((o) => o === "")).toBe(true);
    const last = outputs[outputs.length - 1];
    expect(last.length).toBeGreaterThan(0);
    expect(last.length).toBeLessThan(8 * 80 * 24);
    expect(t.s.buf.lines.length).toBe(13_802);
  });

  it("one keystroke redraws only what changed", () => {
    const t = open(DEPLOYMENT);
    const out = t.type("l").output;
    expect(out).toMatch(/^\x1b\[\?25l\x1b\[24;1H/);
    expect(out.length).toBeLessThan(120);
  });

  it("the state survives JSON: a restored session draws the same screen and goes on editing", () => {
    const t = open(DEPLOYMENT);
    t.type("/image" + CR, "w", "ciw", "httpd");
    const restored = JSON.parse(JSON.stringify(t.s)) as VimState;
    expect(renderVim(restored)).toBe(renderVim(t.s));
    const fs = t.fs;
    const r = feedVim(restored, ESC + ":wq" + CR, { fs, now: 1_800_000_000_000 });
    expect(r.exit?.how).toBe("saved");
    expect(fs.files.get("/root/web.yaml")).toContain("- imagehttpd nginx");
  });

  it("redraws for a new size: 80x24 then a phone's 40x20", () => {
    const t = open(DEPLOYMENT);
    const out = resizeVim(t.s, 40, 20);
    expect(out.startsWith("\x1b[?1049h")).toBe(true);
    expect(screenOf(t.s)).toHaveLength(20);
    expect(screenOf(t.s).every((r) => r.length <= 40)).toBe(true);
  });
});

describe("restoring a saved editor state", () => {
  it("accepts a saved session and redraws it; rejects garbage with a clear error", async () => {
    const { restoreEditorState } = await import("./restore");
    const t = open(DEPLOYMENT);
    t.type("5G", "i", "x");
    const saved: unknown = JSON.parse(JSON.stringify(t.s));
    const back = restoreEditorState(saved);
    expect(back.drawn).toBeNull();
    expect(renderVim(back as VimState)).toBe(renderVim(t.s));
    expect(() => restoreEditorState({ program: "vim", buf: { lines: [] } })).toThrow(/^invalid editor state: /);
    expect(() => restoreEditorState("nonsense")).toThrow(/invalid editor state/);
  });
});
