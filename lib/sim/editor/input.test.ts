import { describe, expect, it } from "vitest";
import { decodeInput, emptyCarry, type InputEvent } from "./input";

const keys = (events: InputEvent[]) => events.map((e) => ("key" in e ? e.key : `[paste:${e.paste}]`));

describe("decodeInput", () => {
  it("names control keys, arrows in both cursor modes, and editing keys", () => {
    const c = emptyCarry();
    const { events } = decodeInput(c, "a\r\x7f\x1b[A\x1bOB\x1b[3~\x1b[5~\x1b[6~\x1b[H\x1bOF\x03\x12\x16\t", 1000);
    expect(keys(events)).toEqual([
      "a",
      "<CR>",
      "<BS>",
      "<Up>",
      "<Down>",
      "<Del>",
      "<PageUp>",
      "<PageDown>",
      "<Home>",
      "<End>",
      "<C-c>",
      "<C-r>",
      "<C-v>",
      "<Tab>",
    ]);
  });

  it("takes an ESC at the end of a message as the Esc key, and ESC + letter as Esc then the letter", () => {
    expect(keys(decodeInput(emptyCarry(), "\x1b", 10).events)).toEqual(["<Esc>"]);
    expect(keys(decodeInput(emptyCarry(), "\x1bj", 10).events)).toEqual(["<Esc>", "j"]);
  });

  it("names function keys and drops modified arrows and unknown sequences whole", () => {
    expect(keys(decodeInput(emptyCarry(), "\x1b[15~x\x1b[1;5Ay\x1bOP\x1b[99~", 10).events)).toEqual(["<F5>", "x", "y", "<F1>"]);
  });

  it("joins a bracketed paste split over messages, even inside its end marker", () => {
    const c = emptyCarry();
    expect(decodeInput(c, "\x1b[200~line one\r", 100).events).toEqual([]);
    expect(decodeInput(c, "line two\x1b[20", 100).events).toEqual([]);
    expect(c.partial).toBe("\x1b[20");
    const { events } = decodeInput(c, "1~j", 100);
    expect(keys(events)).toEqual(["[paste:line one\rline two]", "j"]);
    expect(c).toEqual(emptyCarry());
  });

  it("keeps a paste within the limit and says it cut the rest", () => {
    const c = emptyCarry();
    const r = decodeInput(c, "\x1b[200~" + "x".repeat(50) + "\x1b[201~", 20);
    expect(r.pasteTruncated).toBe(true);
    expect(keys(r.events)).toEqual(["[paste:" + "x".repeat(20) + "]"]);
  });

  it("keeps surrogate pairs together as one key", () => {
    expect(keys(decodeInput(emptyCarry(), "a😀b", 10).events)).toEqual(["a", "😀", "b"]);
  });
});
