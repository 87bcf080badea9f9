import { describe, expect, it } from "vitest";
import { loadEnv } from "@/lib/env";
import { deriveRuntimeConfig } from "./config";

const SECRET = { AUTH_SECRET: "s".repeat(32) };
const configOf = (env: Record<string, string>) => deriveRuntimeConfig(loadEnv({ ...SECRET, ...env }));

describe("runtime configuration (derived from the validated environment only)", () => {
  it("reads TRUST_PROXY with the env parser: every spelling it accepts means the same", () => {
    for (const v of ["true", "1", "yes"]) expect(configOf({ TRUST_PROXY: v }).trustProxy).toBe(true);
    for (const v of ["false", "0", "no"]) expect(configOf({ TRUST_PROXY: v }).trustProxy).toBe(false);
    expect(configOf({}).trustProxy).toBe(false);
    expect(() => configOf({ TRUST_PROXY: "maybe" })).toThrow(/TRUST_PROXY/);
  });

  it("turns GitHub sign-in on only with both variables, decided once", () => {
    expect(configOf({}).github).toBeNull();
    expect(configOf({ GITHUB_ID: "id", GITHUB_SECRET: "secret" }).github).toEqual({ clientId: "id", clientSecret: "secret" });
    expect(() => configOf({ GITHUB_ID: "id" })).toThrow(/GITHUB_SECRET/);
  });

  it("accepts the loopback aliases of the port only when APP_URL is unset", () => {
    const unset = configOf({ PORT: "4100" });
    expect(unset.appUrlConfigured).toBe(false);
    expect(unset.appOrigin).toBe("http://localhost:4100");
    expect(unset.acceptedOrigins).toEqual(["http://localhost:4100", "http://127.0.0.1:4100", "http://[::1]:4100"]);
    const set = configOf({ APP_URL: "https://kubeyard.example.com/" });
    expect(set.appUrlConfigured).toBe(true);
    expect(set.appUrl).toBe("https://kubeyard.example.com");
    expect(set.acceptedOrigins).toEqual(["https://kubeyard.example.com"]);
  });

  it("gives cookies Secure and __Host- over https and on localhost only", () => {
    expect(configOf({ APP_URL: "https://k.example" }).secureCookies).toBe(true);
    expect(configOf({}).secureCookies).toBe(true);
    expect(configOf({ APP_URL: "http://192.168.1.20:3000" }).secureCookies).toBe(false);
  });

  it("carries the sign-up limit and refuses to run without an auth secret", () => {
    expect(configOf({}).signupMaxPerIpPerHour).toBe(20);
    expect(configOf({ SIGNUP_MAX_PER_IP_PER_HOUR: "500" }).signupMaxPerIpPerHour).toBe(500);
    expect(() => deriveRuntimeConfig(loadEnv({}))).toThrow(/AUTH_SECRET is not set/);
  });
});
