/**
 * The CSR signer's validity window, case by case from kubernetes/kubernetes:
 * pkg/controller/certificates/signer/signer_test.go (Test_signer_duration, TestSigner) and the rules
 * in pkg/controller/certificates/authority/policies.go (PermissiveSigningPolicy.apply). signCsr is
 * checked to put exactly that window into the certificate it issues.
 */
import { describe, expect, it } from "vitest";
import { DeterministicKeySource } from "../keys/deterministic-key-source";
import { buildCsr, parsedCertificate, signCsr } from ".";
import { goName } from "./names";
import { newCaCert } from "./kubeadm-pki";
import { signerValidity } from "./signer-validity";

const NOW = Date.UTC(2026, 10, 28, 9, 24, 5);
const MIN = 60_000;
const HOUR = 60 * MIN;

describe("signerValidity: the TTL (signer.go duration)", () => {
  // Test_signer_duration, with certTTL = 1h
  const ttl = (expirationSeconds: number | undefined) => {
    const v = signerValidity(NOW, expirationSeconds, { maxTtlMs: HOUR });
    if (!v.ok) throw new Error(v.error);
    return v.ttlMs;
  };
  it.each([
    ["can request shorter duration than TTL", 30 * 60, 30 * MIN],
    ["cannot request longer duration than TTL", 3 * 3600, HOUR],
    ["cannot request negative duration", -60, 10 * MIN],
    ["cannot request duration less than 10 mins", 10 * 60 - 1, 10 * MIN],
    ["can request duration of exactly 10 mins", 10 * 60, 10 * MIN],
    ["can request duration equal to the default", 3600, HOUR],
    ["can choose not to request a duration to get the default", undefined, HOUR],
  ])("%s", (_name, seconds, want) => {
    expect(ttl(seconds)).toBe(want);
  });

  it("defaults to --cluster-signing-duration's one year (8760h)", () => {
    expect(signerValidity(NOW, undefined)).toMatchObject({ ok: true, ttlMs: 8760 * HOUR });
    expect(signerValidity(NOW, 2 * 365 * 86_400)).toMatchObject({ ok: true, ttlMs: 8760 * HOUR });
  });
});

describe("signerValidity: NotBefore and NotAfter (policies.go)", () => {
  it("backdates NotBefore by 5 minutes for every certificate", () => {
    for (const s of [600, 3600, 86_400]) expect(signerValidity(NOW, s)).toMatchObject({ notBefore: NOW - 5 * MIN });
  });

  it("does not backdate NotAfter of a short-lived certificate (TTL < 8h)", () => {
    // TestSigner: a 1h TTL gives NotBefore now-5m, NotAfter now+1h
    expect(signerValidity(NOW, 3 * 3600, { maxTtlMs: HOUR })).toMatchObject({ notBefore: NOW - 5 * MIN, notAfter: NOW + HOUR });
    expect(signerValidity(NOW, 8 * 3600 - 1)).toMatchObject({ notAfter: NOW + 8 * HOUR - 1000 });
  });

  it("gives a certificate of 8h or more NotAfter = now + TTL - 5m", () => {
    expect(signerValidity(NOW, 8 * 3600)).toMatchObject({ notAfter: NOW + 8 * HOUR - 5 * MIN });
    // lesson 5's jane: expirationSeconds 86400 approved at 09:24:05 -> 09:19:05 to 09:19:05 the next day
    const v = signerValidity(NOW, 86_400);
    expect(v).toMatchObject({ ok: true, notBefore: Date.UTC(2026, 10, 28, 9, 19, 5), notAfter: Date.UTC(2026, 10, 29, 9, 19, 5) });
  });

  it("cuts NotAfter to the signer's NotAfter and refuses once the signer has expired", () => {
    const caEnd = NOW + 2 * HOUR;
    expect(signerValidity(NOW, 86_400, { signerNotAfter: caEnd })).toMatchObject({ ok: true, notAfter: caEnd });
    expect(signerValidity(caEnd + MIN, 86_400, { signerNotAfter: caEnd })).toEqual({
      ok: false,
      error: "refusing to sign a certificate that expired in the past: NotAfter=2026-11-28 11:24:05 +0000 UTC",
    });
    expect(signerValidity(caEnd + 10 * MIN, 86_400, { signerNotAfter: caEnd })).toEqual({
      ok: false,
      error: "the signer has expired: NotAfter=2026-11-28 11:24:05 +0000 UTC",
    });
  });
});

describe("signCsr", () => {
  it("issues exactly the window signerValidity computes", async () => {
    const keys = new DeterministicKeySource(5);
    const ca = await keys.take("rsa-2048");
    const jane = await keys.take("rsa-2048");
    let s = 3;
    const random = () => ((s = (s * 16807) % 2147483647), s / 2147483647);
    const caCertPem = newCaCert("kubernetes", ca.privateKeyPem, Date.UTC(2026, 10, 16, 9, 8, 12), random);
    const csrPem = buildCsr({ keyPem: jane.privateKeyPem, subject: goName("jane", ["dev"]) });
    for (const [seconds, notAfter] of [
      [86_400, Date.UTC(2026, 10, 29, 9, 19, 5)],
      [3600, Date.UTC(2026, 10, 28, 10, 24, 5)],
    ] as const) {
      const pem = await signCsr({
        csrPem,
        caCertPem,
        caKeyPem: ca.privateKeyPem,
        now: NOW,
        durationSeconds: seconds,
        usages: ["client auth"],
        random,
      });
      const cert = parsedCertificate(pem);
      expect(cert?.notBefore).toBe(Date.UTC(2026, 10, 28, 9, 19, 5));
      expect(cert?.notAfter).toBe(notAfter);
    }
  });
});
