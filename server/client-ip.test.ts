import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

const req = (remoteAddress: string, xff?: string) =>
  ({ socket: { remoteAddress }, headers: xff ? { "x-forwarded-for": xff } : {} }) as unknown as IncomingMessage;

describe("clientIp (A5)", () => {
  it("ignores X-Forwarded-For unless the proxy is trusted", () => {
    expect(clientIp(req("::ffff:10.0.0.5", "203.0.113.9"), false)).toBe("10.0.0.5");
  });
  it("takes the hop our proxy appended (the last one) when trusted, so a client prefix cannot choose it", () => {
    expect(clientIp(req("10.0.0.1", "1.2.3.4, 198.51.100.7"), true)).toBe("198.51.100.7");
  });
  it("falls back to the socket without the header", () => {
    expect(clientIp(req("127.0.0.1"), true)).toBe("127.0.0.1");
  });
});
