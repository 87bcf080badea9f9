/**
 * Random keys at random screen sizes: whatever is typed, neither editor throws, the screen has
 * exactly the rows of the terminal and no row is wider than it, the cursor stays on the screen,
 * one message never costs more than a few screenfuls of output, and the state stays JSON.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEPLOYMENT, NOTES } from "./__tests__/fixtures";
import { MemFs } from "./__tests__/memfs";
import { displayWidth } from "./text";
import { rowText } from "./screen";
import { feedEditor, openEditor, type EditorState } from "./session";
import { nanoFrame } from "./nano/view";
import { vimFrame } from "./vim/view";

const KEYS = [
  "h",
  "j",
  "k",
  "l",
  "w",
  "b",
  "e",
  "0",
  "$",
  "G",
  "gg",
  "x",
  "dd",
  "yy",
  "p",
  "P",
  "u",
  "\x12",
  ".",
  "i",
  "a",
  "o",
  "O",
  "A",
  "I",
  "v",
  "V",
  ">",
  "<",
  "J",
  "r",
  "c",
  "d",
  "y",
  "3",
  "5",
  "/",
  "?",
  "n",
  "N",
  ":",
  "%",
  "{",
  "}",
  "f",
  "t",
  "~",
  "*",
  "#",
  "q",
  "\x16",
  "\x1b",
  "\r",
  "\x7f",
  "\t",
  "\x17",
  "\x15",
  "\x03",
  "\x0b",
  "\x0f",
  "\x18",
  "\x07",
  "\x01",
  "\x05",
  "\x1b[A",
  "\x1b[B",
  "\x1b[C",
  "\x1b[D",
  "\x1b[3~",
  "\x1b[5~",
  "\x1b[6~",
  "\x1b[200~pasted\rtext\x1b[201~",
  "set nu\r",
  "s/a/b/g\r",
  "wq",
  "q!",
  "é",
  "漢",
  "\x00",
];

function frameOf(s: EditorState) {
  return s.program === "nano" ? nanoFrame(s) : vimFrame(s);
}

describe("editors under random keys", () => {
  it.each(["vim", "nano"] as const)("%s keeps its screen well formed", (program) => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...KEYS), { maxLength: 60 }),
        fc.integer({ min: 10, max: 120 }),
        fc.integer({ min: 4, max: 40 }),
        fc.boolean(),
        (keys, cols, rows, yaml) => {
          const fs = new MemFs({ "/root/f.yaml": DEPLOYMENT, "/root/f.txt": NOTES });
          const env = { fs, now: 1_700_000_000_000 };
          const { state } = openEditor(
            { program, file: yaml ? "f.yaml" : "f.txt", cwd: "/root", home: "/root", cols, rows, maxBytes: 1 << 20 },
            env,
          );
          for (const k of keys) {
            const step = feedEditor(state, k, env);
            expect(step.output.length).toBeLessThan(12 * cols * rows + 200);
            if (step.exit) return;
            const f = frameOf(state);
            expect(f.rows).toHaveLength(state.screen.rows);
            for (const r of f.rows) expect(displayWidth(rowText(r), 8)).toBeLessThanOrEqual(state.screen.cols);
            expect(f.cursor.row).toBeGreaterThanOrEqual(0);
            expect(f.cursor.row).toBeLessThan(state.screen.rows);
            expect(f.cursor.col).toBeLessThanOrEqual(state.screen.cols);
          }
          expect(JSON.parse(JSON.stringify(state))).toEqual(state);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("a message with a wide character at the right edge (the counterexample the property found)", () => {
  it("vim puts a '>' in the last cell and the character on the next row (message.c screen_puts_mbyte)", () => {
    const fs = new MemFs({ "/root/f.txt": NOTES });
    const env = { fs, now: 1_700_000_000_000 };
    const { state } = openEditor({ program: "vim", file: "f.txt", cwd: "/root", home: "/root", cols: 10, rows: 5, maxBytes: 1 << 20 }, env);
    for (const k of [":", "漢", "\r"]) feedEditor(state, k, env);
    expect(frameOf(state).rows.map(rowText).slice(-4)).toEqual(["an editor ", "command: >", "漢", "Press ENTE"]);
  });
});
