import { describe, expect, it } from "vitest";
import { computeStreak, utcDay } from "./streak";

const at = (iso: string) => new Date(iso);

describe("utcDay", () => {
  it("uses the UTC calendar day, not the local one", () => {
    expect(utcDay(at("2025-03-01T23:59:59.999Z"))).toBe("2025-03-01");
    expect(utcDay(at("2025-03-02T00:00:00.000Z"))).toBe("2025-03-02");
    expect(utcDay(at("2025-03-01T23:30:00-02:00"))).toBe("2025-03-02");
  });
});

describe("computeStreak", () => {
  const now = at("2025-03-10T12:00:00Z");

  it("is zero without activity", () => {
    expect(computeStreak([], now)).toEqual({ current: 0, longest: 0, activeToday: false });
  });

  it("counts consecutive days ending today", () => {
    expect(computeStreak(["2025-03-08", "2025-03-09", "2025-03-10"], now)).toEqual({ current: 3, longest: 3, activeToday: true });
  });

  it("keeps a streak alive until today ends when yesterday was active", () => {
    expect(computeStreak(["2025-03-08", "2025-03-09"], now)).toEqual({ current: 2, longest: 2, activeToday: false });
  });

  it("breaks after a missed day", () => {
    expect(computeStreak(["2025-03-07", "2025-03-08"], now).current).toBe(0);
    expect(computeStreak(["2025-03-06", "2025-03-07", "2025-03-09", "2025-03-10"], now)).toEqual({
      current: 2,
      longest: 2,
      activeToday: true,
    });
  });

  it("reports the longest run separately from the current one", () => {
    const days = ["2025-02-01", "2025-02-02", "2025-02-03", "2025-02-04", "2025-03-10"];
    expect(computeStreak(days, now)).toEqual({ current: 1, longest: 4, activeToday: true });
  });

  it("ignores duplicates, order and future days", () => {
    const days = ["2025-03-10", "2025-03-09", "2025-03-10", "2025-03-11", "2025-03-12"];
    expect(computeStreak(days, now)).toEqual({ current: 2, longest: 2, activeToday: true });
  });

  it("crosses month and year boundaries (UTC, no DST)", () => {
    const newYear = at("2025-01-01T00:30:00Z");
    expect(computeStreak(["2024-12-30", "2024-12-31", "2025-01-01"], newYear).current).toBe(3);
    const leap = at("2024-03-01T08:00:00Z");
    expect(computeStreak(["2024-02-28", "2024-02-29", "2024-03-01"], leap).current).toBe(3);
  });

  it("rejects malformed days", () => {
    expect(() => computeStreak(["2025-3-1"], now)).toThrow(RangeError);
  });
});
