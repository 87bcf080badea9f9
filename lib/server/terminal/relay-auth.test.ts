import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { RELAY_TOKEN_TTL_MS, relayKey, signRelayToken, verifyRelayToken } from "./relay-auth";

const key = relayKey("integration-test-secret-0123456789abcdef");
const claims = { purpose: "terminal" as const, userId: "user-1", clusterKey: "kubernetes-pki", sessionId: "sess-1" };
const NOW = 1_800_000_000_000;

/** The token with its payload (base64url JSON) edited and the original MAC kept. */
function tamper(token: string, edit: (body: Record<string, unknown>) => void): string {
  const [payload, mac] = token.split(".");
  const body = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
  edit(body);
  return `${Buffer.from(JSON.stringify(body)).toString("base64url")}.${mac}`;
}

describe("relay tokens", () => {
  it("accepts its own token until it expires, and gives back what it binds", () => {
    const token = signRelayToken(key, claims, NOW);
    expect(verifyRelayToken(key, token, "terminal", NOW)).toEqual({ ...claims, expiresAt: NOW + RELAY_TOKEN_TTL_MS });
    expect(verifyRelayToken(key, token, "terminal", NOW + RELAY_TOKEN_TTL_MS - 1)).not.toBeNull();
  });

  it("refuses an expired token", () => {
    const token = signRelayToken(key, claims, NOW);
    expect(verifyRelayToken(key, token, "terminal", NOW + RELAY_TOKEN_TTL_MS)).toBeNull();
    expect(verifyRelayToken(key, token, "terminal", NOW + 60 * 60_000)).toBeNull();
  });

  it("refuses a token whose claims were changed: another learner, cluster, row, purpose or a later expiry", () => {
    const token = signRelayToken(key, claims, NOW);
    for (const edit of [
      (b: Record<string, unknown>) => (b.u = "user-2"),
      (b: Record<string, unknown>) => (b.k = "workloads"),
      (b: Record<string, unknown>) => (b.s = "sess-2"),
      (b: Record<string, unknown>) => (b.p = "kube"),
      (b: Record<string, unknown>) => (b.exp = NOW + 10 * RELAY_TOKEN_TTL_MS),
    ]) {
      expect(verifyRelayToken(key, tamper(token, edit), "terminal", NOW)).toBeNull();
    }
  });

  it("refuses a token made with another secret, for another purpose, or malformed", () => {
    const other = signRelayToken(relayKey("another-secret-0123456789abcdef-xyz"), claims, NOW);
    expect(verifyRelayToken(key, other, "terminal", NOW)).toBeNull();
    expect(verifyRelayToken(key, signRelayToken(key, claims, NOW), "kube", NOW)).toBeNull();
    for (const bad of [undefined, "", "abc", "a.b.c", ".", `${"x".repeat(2000)}.y`]) {
      expect(verifyRelayToken(key, bad, "terminal", NOW)).toBeNull();
    }
  });

  it("keys the MAC with a key derived from AUTH_SECRET, not AUTH_SECRET itself", () => {
    // A MAC under the raw secret (what a cookie signer might produce) is not a relay token.
    const payload = signRelayToken(key, claims, NOW).split(".")[0];
    const raw = createHmac("sha256", "integration-test-secret-0123456789abcdef").update(payload).digest("base64url");
    expect(verifyRelayToken(key, `${payload}.${raw}`, "terminal", NOW)).toBeNull();
  });

  it("refuses a genuine MAC over claims of the wrong shape", () => {
    const payload = Buffer.from(JSON.stringify({ p: "terminal", u: "user-1", k: "x", s: "s", exp: NOW + 1000, extra: 1 })).toString(
      "base64url",
    );
    const mac = createHmac("sha256", key).update(payload).digest("base64url");
    expect(verifyRelayToken(key, `${payload}.${mac}`, "terminal", NOW)).toBeNull();
    const fine = Buffer.from(JSON.stringify({ p: "terminal", u: "user-1", k: "x", s: "s", exp: NOW + 1000 })).toString("base64url");
    expect(verifyRelayToken(key, `${fine}.${createHmac("sha256", key).update(fine).digest("base64url")}`, "terminal", NOW)).not.toBeNull();
  });
});
