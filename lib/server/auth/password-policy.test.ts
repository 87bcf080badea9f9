import { describe, expect, it } from "vitest";
import { checkNewPassword, PASSWORD_MAX } from "./password-policy";

describe("checkNewPassword (A3)", () => {
  it.each([
    ["short", "1234567", /at least 8/],
    ["top-3000 password", "password1", /too common/],
    ["top-3000 password, other case", "Baseball", /too common/],
    ["email as password", "learner@example.com", /must not be your email/],
    ["too long", "a".repeat(PASSWORD_MAX + 1), /at most/],
  ])("rejects %s", async (_label, password, reason) => {
    expect(await checkNewPassword(password, "learner@example.com")).toMatch(reason);
  });

  it.each([
    ["8 characters, no composition rules", "kubelets"],
    ["a 64-character passphrase", "correct horse battery staple ".repeat(3).slice(0, 64)],
    ["unicode", "ключи-от-кластера"],
  ])("accepts %s", async (_label, password) => {
    expect(await checkNewPassword(password, "learner@example.com")).toBeNull();
  });
});
