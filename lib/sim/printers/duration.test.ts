import { describe, expect, it } from "vitest";
import { age, humanDuration, shortHumanDuration } from "./duration";

const S = 1000,
  M = 60 * S,
  H = 60 * M,
  D = 24 * H;

describe("humanDuration (apimachinery duration.HumanDuration)", () => {
  it.each([
    [-3 * S, "<invalid>"],
    [-1500, "0s"],
    [-1 * S, "0s"],
    [0, "0s"],
    [999, "0s"],
    [59 * S, "59s"],
    [90 * S, "90s"],
    [119 * S, "119s"],
    [2 * M, "2m"],
    [2 * M + 5 * S, "2m5s"],
    [9 * M + 59 * S, "9m59s"],
    [10 * M, "10m"],
    [179 * M + 59 * S, "179m"],
    [3 * H, "3h"],
    [3 * H + 1 * M, "3h1m"],
    [7 * H + 59 * M, "7h59m"],
    [8 * H, "8h"],
    [47 * H + 59 * M, "47h"],
    [48 * H, "2d"],
    [2 * D + 3 * H, "2d3h"],
    [7 * D + 23 * H, "7d23h"],
    [8 * D, "8d"],
    [45 * D, "45d"],
    [729 * D, "729d"],
    [730 * D, "2y"],
    [731 * D, "2y1d"],
    [8 * 365 * D - 1, "7y364d"],
    [8 * 365 * D, "8y"],
    [20 * 365 * D, "20y"],
  ])("%d ms → %s", (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe("shortHumanDuration (kubeadm RESIDUAL TIME)", () => {
  it.each([
    [-2 * S, "<invalid>"],
    [30 * S, "30s"],
    [59 * M, "59m"],
    [23 * H, "23h"],
    [364 * D, "364d"],
    [365 * D, "1y"],
    [3649 * D, "9y"],
  ])("%d → %s", (ms, want) => {
    expect(shortHumanDuration(ms)).toBe(want);
  });
});

describe("age", () => {
  it("truncates the creation time to the second, as the API serialises it", () => {
    expect(age(10_999, 10_999 + 119_500)).toBe("2m");
  });
});
