import { describe, expect, it } from "vitest";
import { DEFAULT_PREFS, parsePrefs } from "./preferences";

describe("parsePrefs", () => {
  it("keeps what is valid and defaults the rest, field by field", () => {
    expect(parsePrefs(JSON.stringify({ split: 0.5, fontSize: 16, wrap: true, screenReader: true, tabMovesFocus: true }))).toEqual({
      split: 0.5,
      fontSize: 16,
      wrap: true,
      screenReader: true,
      tabMovesFocus: true,
    });
    expect(parsePrefs(JSON.stringify({ split: 5, fontSize: 13.5, wrap: "yes", screenReader: true }))).toEqual({
      ...DEFAULT_PREFS,
      screenReader: true,
    });
  });

  it("falls back to the defaults for nothing, garbage and non-objects", () => {
    expect(parsePrefs(null)).toEqual(DEFAULT_PREFS);
    expect(parsePrefs("{not json")).toEqual(DEFAULT_PREFS);
    expect(parsePrefs("42")).toEqual(DEFAULT_PREFS);
  });
});
