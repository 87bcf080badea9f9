import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KeyDecoder, PASTE_END, PASTE_START, tokenize, utf8Length, type KeyToken } from "./keys";

/** Merges adjacent text tokens: how text is cut into tokens does not matter to the editor. */
function normal(tokens: KeyToken[]): KeyToken[] {
  const out: KeyToken[] = [];
  for (const t of tokens) {
    const last = out.at(-1);
    if (t.kind === "text" && last?.kind === "text") out[out.length - 1] = { kind: "text", text: last.text + t.text };
    else out.push(t);
  }
  return out;
}

function feedInChunks(data: string, cuts: number[], max = Infinity): KeyToken[] {
  const d = new KeyDecoder(max);
  const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
  const out: KeyToken[] = [];
  let from = 0;
  for (const p of [...points, data.length]) {
    out.push(...d.feed(data.slice(from, p)));
    from = p;
  }
  return normal(out);
}

describe("KeyDecoder", () => {
  it("decodes a paste, escape sequences and keys the same however the input is cut into messages", () => {
    const input = `ls\x1b[D\x7f\r${PASTE_START}cat <<EOF\necho ü 🙂\nEOF\n${PASTE_END}\x1b[A\x1b[3~x\r\n`;
    const whole = normal(new KeyDecoder().feed(input));
    expect(whole).toEqual([
      { kind: "text", text: "ls" },
      { kind: "key", name: "left" },
      { kind: "key", name: "backspace" },
      { kind: "key", name: "enter" },
      { kind: "paste", text: "cat <<EOF\necho ü 🙂\nEOF\n" },
      { kind: "key", name: "up" },
      { kind: "key", name: "delete" },
      { kind: "text", text: "x" },
      { kind: "key", name: "enter" },
    ]);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 12 }), (cuts) => {
        expect(feedInChunks(input, cuts)).toEqual(whole);
      }),
    );
  });

  it("keeps a paste cut into 4 KiB messages whole", () => {
    const text = Array.from({ length: 3000 }, (_, i) => `line ${i}`).join("\n");
    const data = PASTE_START + text + PASTE_END;
    const d = new KeyDecoder();
    const out: KeyToken[] = [];
    for (let i = 0; i < data.length; i += 4096) out.push(...d.feed(data.slice(i, i + 4096)));
    expect(out).toEqual([{ kind: "paste", text }]);
  });

  it("refuses a paste over its limit as one token with its size, keeping none of it", () => {
    const d = new KeyDecoder(1000);
    const out = [...d.feed(PASTE_START + "a".repeat(700)), ...d.feed("b".repeat(700)), ...d.feed(PASTE_END + "ok\r")];
    expect(out).toEqual([
      { kind: "paste-refused", bytes: 1400 },
      { kind: "text", text: "ok" },
      { kind: "key", name: "enter" },
    ]);
  });

  it("counts UTF-8 bytes as encoders do", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
      }),
    );
  });

  it("tokenize treats one message on its own, an unfinished paste as pasted", () => {
    expect(tokenize(`${PASTE_START}abc`)).toEqual([{ kind: "paste", text: "abc" }]);
  });
});
