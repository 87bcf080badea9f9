import { afterEach, describe, expect, it, vi } from "vitest";
import { oracle, requireOracle } from "./oracles";

describe("requireOracle", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("throws under CI=true when the program is missing, instead of letting its test skip", () => {
    vi.stubEnv("PATH", "/nonexistent");
    vi.stubEnv("KUBECTL_ORACLE", "/nonexistent/kubectl");
    vi.stubEnv("CI", "true");
    expect(() => requireOracle("bash")).toThrow(/the bash oracle is missing/);
    expect(() => requireOracle("kubectl")).toThrow(/the kubectl oracle is missing/);
  });

  it("returns undefined outside CI, so a developer without the program skips", () => {
    vi.stubEnv("PATH", "/nonexistent");
    vi.stubEnv("CI", "");
    expect(requireOracle("jq")).toBeUndefined();
  });

  it("finds a program on PATH", () => {
    vi.stubEnv("PATH", "/usr/bin:/bin");
    expect(oracle("sed")).toMatch(/\/sed$/);
  });
});
