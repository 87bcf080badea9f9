import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeText, encodeText } from "./lossless-text";

describe("lossless terminal text (WTF-8)", () => {
  it("round-trips any string of UTF-16 code units: NULs, lone surrogates, random bytes as characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 300 }), (s) => {
        expect(decodeText(encodeText(s))).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });

  it("round-trips random bytes carried as characters (a binary file the shell reads)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        const s = String.fromCharCode(...bytes);
        expect(decodeText(encodeText(s))).toBe(s);
      }),
    );
  });

  it("is exactly UTF-8 for well-formed text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (s) => {
        expect(Buffer.from(encodeText(s)).equals(Buffer.from(s, "utf8"))).toBe(true);
      }),
    );
    expect([...encodeText("a\u0000\ud800b")]).toEqual([0x61, 0x00, 0xed, 0xa0, 0x80, 0x62]);
  });

  it("decodes a megabyte of NULs", () => {
    const s = "\u0000".repeat(1_000_000);
    expect(decodeText(encodeText(s))).toBe(s);
  });
});
