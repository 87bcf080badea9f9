import { describe, expect, it } from "vitest";
import { loadEnv } from "./env";

describe("loadEnv", () => {
  it("fills defaults on an empty environment", () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.TRUST_PROXY).toBe(false);
  });

  it("names the bad variable", () => {
    expect(() => loadEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must be a postgresql:\/\/ connection URL/);
    expect(() => loadEnv({ PORT: "http" })).toThrow(/PORT/);
  });

  it("requires AUTH_SECRET with an external database", () => {
    expect(() => loadEnv({ DATABASE_URL: "postgres://u:p@db/kubeyard" })).toThrow(/AUTH_SECRET: is required when DATABASE_URL is set/);
    expect(loadEnv({ DATABASE_URL: "postgres://u:p@db/k", AUTH_SECRET: "x".repeat(32) }).DATABASE_URL).toBe("postgres://u:p@db/k");
  });

  it("requires both GitHub variables or neither", () => {
    expect(() => loadEnv({ GITHUB_ID: "abc" })).toThrow(/GITHUB_SECRET/);
    expect(loadEnv({ GITHUB_ID: "a", GITHUB_SECRET: "b" }).GITHUB_ID).toBe("a");
  });

  it("treats empty strings as unset", () => {
    expect(loadEnv({ DATABASE_URL: "", ADMIN_EMAIL: "" }).DATABASE_URL).toBeUndefined();
  });
});
