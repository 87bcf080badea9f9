import { describe, expect, it } from "vitest";
import { decideKey, type KeyContext, type KeyEventLike } from "./key-policy";

const key = (k: string, mods: Partial<KeyEventLike> = {}): KeyEventLike => ({
  type: "keydown",
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});
const ctx = (over: Partial<KeyContext> = {}): KeyContext => ({
  rawMode: false,
  tabMovesFocus: false,
  escapeArmed: false,
  hasSelection: false,
  isMac: false,
  ...over,
});

describe("paste keys", () => {
  it("Ctrl+V is the browser's paste on Linux and Windows, not ^V", () => {
    expect(decideKey(key("v", { ctrlKey: true }), ctx()).action).toBe("browser");
    expect(decideKey(key("V", { ctrlKey: true, shiftKey: true }), ctx()).action).toBe("browser");
    expect(decideKey(key("Insert", { shiftKey: true }), ctx()).action).toBe("browser");
  });

  it("Cmd+V pastes on a Mac, where Ctrl+V stays ^V", () => {
    expect(decideKey(key("v", { metaKey: true }), ctx({ isMac: true })).action).toBe("browser");
    expect(decideKey(key("v", { ctrlKey: true }), ctx({ isMac: true })).action).toBe("terminal");
  });

  it("when the application owns the keyboard, plain Ctrl+V reaches it and the other paste keys still paste", () => {
    const raw = ctx({ rawMode: true });
    expect(decideKey(key("v", { ctrlKey: true }), raw).action).toBe("terminal");
    expect(decideKey(key("V", { ctrlKey: true, shiftKey: true }), raw).action).toBe("browser");
    expect(decideKey(key("Insert", { shiftKey: true }), raw).action).toBe("browser");
    expect(decideKey(key("v", { metaKey: true }), ctx({ rawMode: true, isMac: true })).action).toBe("browser");
  });

  it("Ctrl+Alt+V and a plain v are typed", () => {
    expect(decideKey(key("v", { ctrlKey: true, altKey: true }), ctx()).action).toBe("terminal");
    expect(decideKey(key("v"), ctx()).action).toBe("terminal");
  });
});

describe("copy", () => {
  it("Ctrl+C copies a selection, and is ^C without one", () => {
    expect(decideKey(key("c", { ctrlKey: true }), ctx({ hasSelection: true })).action).toBe("copy");
    expect(decideKey(key("c", { ctrlKey: true }), ctx()).action).toBe("terminal");
  });
});

describe("the way out (no keyboard trap)", () => {
  it("Tab completes in the terminal until Esc arms it; then Tab and Shift+Tab leave", () => {
    expect(decideKey(key("Tab"), ctx())).toEqual({ action: "terminal", escapeArmed: false, leaves: false });
    const esc = decideKey(key("Escape"), ctx());
    expect(esc).toEqual({ action: "terminal", escapeArmed: true, leaves: false }); // Esc still reaches the program
    expect(decideKey(key("Tab"), ctx({ escapeArmed: true }))).toEqual({ action: "browser", escapeArmed: false, leaves: true });
    expect(decideKey(key("Tab", { shiftKey: true }), ctx({ escapeArmed: true })).leaves).toBe(true);
  });

  it("pressing Shift on the way to Shift+Tab keeps Esc armed; any other key disarms it", () => {
    expect(decideKey(key("Shift", { shiftKey: true }), ctx({ escapeArmed: true })).escapeArmed).toBe(true);
    expect(decideKey(key("a"), ctx({ escapeArmed: true })).escapeArmed).toBe(false);
    expect(decideKey(key("Tab"), ctx({ escapeArmed: false })).leaves).toBe(false);
  });

  it("with “Tab moves focus” on, Tab always leaves, in raw mode too", () => {
    expect(decideKey(key("Tab"), ctx({ tabMovesFocus: true })).leaves).toBe(true);
    expect(decideKey(key("Tab", { shiftKey: true }), ctx({ tabMovesFocus: true, rawMode: true })).action).toBe("browser");
  });

  it("Esc then Tab leaves in raw mode as well (WCAG 2.1.2 holds while a program owns the keyboard)", () => {
    expect(decideKey(key("Tab"), ctx({ rawMode: true, escapeArmed: true })).leaves).toBe(true);
  });

  it("Ctrl+Tab is not a way out (the browser's tab switch)", () => {
    expect(decideKey(key("Tab", { ctrlKey: true }), ctx({ escapeArmed: true })).leaves).toBe(false);
  });

  it("keyup and keypress never change the state", () => {
    expect(decideKey({ ...key("Escape"), type: "keyup" }, ctx())).toEqual({ action: "terminal", escapeArmed: false, leaves: false });
    expect(decideKey({ ...key("Tab"), type: "keyup" }, ctx({ escapeArmed: true })).escapeArmed).toBe(true);
  });
});
