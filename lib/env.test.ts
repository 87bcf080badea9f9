import { describe, expect, it } from "vitest";
import { EnvError, loadEnv, parseEnvVariable } from "./env";

describe("loadEnv", () => {
  it("fills defaults on an empty environment", () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.APP_URL_CONFIGURED).toBe(false);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.TRUST_PROXY).toBe(false);
  });

  it("defaults INSTANCE_URL to this process's port on loopback, or on the one interface HOST names", () => {
    expect(loadEnv({ PORT: "3100" }).INSTANCE_URL).toBe("http://127.0.0.1:3100");
    expect(loadEnv({ PORT: "3100", HOST: "10.0.0.5" }).INSTANCE_URL).toBe("http://10.0.0.5:3100");
    expect(loadEnv({ PORT: "3100", HOST: "fd00::5" }).INSTANCE_URL).toBe("http://[fd00::5]:3100");
    expect(loadEnv({ INSTANCE_URL: "http://app-2.internal:3000/" }).INSTANCE_URL).toBe("http://app-2.internal:3000");
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

/** Every variable: a value it accepts (and what it becomes), a value it refuses, and its default. */
const VARIABLES: { name: string; good: [string, unknown][]; bad: string[]; unset: unknown }[] = [
  {
    name: "NODE_ENV",
    good: [
      ["development", "development"],
      ["test", "test"],
    ],
    bad: ["staging"],
    unset: "production",
  },
  { name: "PORT", good: [["8080", 8080]], bad: ["0", "65536", "80.5", "http"], unset: 3000 },
  { name: "HOST", good: [["127.0.0.1", "127.0.0.1"]], bad: [], unset: "0.0.0.0" },
  {
    name: "APP_URL",
    good: [["https://k.example.com/", "https://k.example.com"]],
    bad: ["ftp://k.example.com", "not a url"],
    unset: "http://localhost:3000",
  },
  { name: "DATABASE_URL", good: [["postgresql://u:p@db:5432/k", "postgresql://u:p@db:5432/k"]], bad: ["mysql://db/k"], unset: undefined },
  { name: "AUTH_SECRET", good: [["x".repeat(32), "x".repeat(32)]], bad: ["short"], unset: undefined },
  { name: "DATA_DIR", good: [["/var/lib/kubeyard", "/var/lib/kubeyard"]], bad: [], unset: ".data" },
  { name: "EMBEDDED_PG_PORT", good: [["5433", 5433]], bad: ["80", "70000"], unset: 54329 },
  { name: "ADMIN_EMAIL", good: [["root@example.com", "root@example.com"]], bad: ["root"], unset: undefined },
  { name: "ADMIN_PASSWORD", good: [["twelve chars!", "twelve chars!"]], bad: ["short"], unset: undefined },
  {
    name: "TRUST_PROXY",
    good: [
      ["yes", true],
      ["1", true],
      ["true", true],
      ["no", false],
      ["0", false],
    ],
    bad: ["maybe"],
    unset: false,
  },
  { name: "TERMINAL_MAX_PER_IP", good: [["25", 25]], bad: ["0", "many"], unset: 10 },
  { name: "TERMINAL_LEASE_TTL_MS", good: [["4000", 4000]], bad: ["100", "999999999"], unset: 30_000 },
  { name: "TERMINAL_RECHECK_MS", good: [["500", 500]], bad: ["10"], unset: 30_000 },
  { name: "DATABASE_POOL_SIZE", good: [["20", 20]], bad: ["0", "201"], unset: 10 },
  { name: "SIGNUP_MAX_PER_IP_PER_HOUR", good: [["100", 100]], bad: ["0", "lots"], unset: 20 },
  { name: "SIM_WORKERS", good: [["4", 4]], bad: ["0", "65"], unset: undefined },
  {
    name: "KEY_POOL_TARGET",
    good: [
      ["0", 0],
      ["400", 400],
    ],
    bad: ["-1", "some"],
    unset: 100,
  },
  {
    name: "INSTANCE_URL",
    good: [["http://10.0.0.5:3000", "http://10.0.0.5:3000"]],
    bad: ["10.0.0.5:3000", "ftp://10.0.0.5"],
    unset: undefined,
  },
  { name: "STRIPE_API_BASE", good: [["http://127.0.0.1:12111", "http://127.0.0.1:12111"]], bad: ["stripe-mock"], unset: undefined },
];

describe("each variable's parsing", () => {
  for (const v of VARIABLES) {
    it(`${v.name}`, () => {
      const parse = (value: string | undefined) => parseEnvVariable(v.name as Parameters<typeof parseEnvVariable>[0], { [v.name]: value });
      // APP_URL's trailing slash is trimmed by loadEnv (it composes the default too)
      for (const [raw, parsed] of v.good) expect(v.name === "APP_URL" ? loadEnv({ APP_URL: raw }).APP_URL : parse(raw)).toEqual(parsed);
      for (const raw of v.bad) expect(() => parse(raw)).toThrow(EnvError);
      for (const raw of v.bad) expect(() => parse(raw)).toThrow(v.name);
      if (v.name !== "APP_URL") expect(parse(undefined)).toEqual(v.unset);
      else expect(loadEnv({}).APP_URL).toBe(v.unset);
      expect(parse("") ?? undefined).toEqual(v.name === "APP_URL" ? undefined : v.unset);
    });
  }

  it("covers every variable of the schema", () => {
    const covered = new Set([
      ...VARIABLES.map((v) => v.name),
      "GITHUB_ID",
      "GITHUB_SECRET",
      "STRIPE_SECRET_KEY",
      "STRIPE_WEBHOOK_SECRET",
      "STRIPE_PRICE_ID",
    ]);
    const all = Object.keys(loadEnv({})).filter((k) => k !== "APP_URL_CONFIGURED");
    for (const k of all) expect(covered.has(k), k).toBe(true);
  });
});
