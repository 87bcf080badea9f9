import { createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DeterministicKeySource, PooledKeySource } from "./node-key-source";

describe("key sources", () => {
  it("derives the same ECDSA keys from the same seed, and working ones", async () => {
    const a = new DeterministicKeySource(7);
    const b = new DeterministicKeySource(7);
    const k1 = await a.take("ecdsa-p256");
    expect(k1).toEqual(await b.take("ecdsa-p256"));
    expect(await a.take("ecdsa-p256")).not.toEqual(k1);
    expect(k1.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const pub = createPublicKey(k1.publicKeyPem);
    expect(pub.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
    const sig = sign("sha256", Buffer.from("x"), createPrivateKey(k1.privateKeyPem));
    expect(verify("sha256", Buffer.from("x"), pub, sig)).toBe(true);
    expect((await new DeterministicKeySource(8).take("ecdsa-p256")).privateKeyPem).not.toBe(k1.privateKeyPem);
  });

  it("serves RSA-2048 fixtures in a fixed order", async () => {
    const a = new DeterministicKeySource(1);
    const keys = [await a.take("rsa-2048"), await a.take("rsa-2048")];
    expect(keys[0]).not.toEqual(keys[1]);
    expect(await new DeterministicKeySource(1).take("rsa-2048")).toEqual(keys[0]);
    expect(createPrivateKey(keys[0].privateKeyPem).asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(createPublicKey(keys[0].privateKeyPem).export({ type: "spki", format: "pem" })).toBe(keys[0].publicKeyPem);
  });

  it("pools keys and falls back to generating", async () => {
    const pool = new PooledKeySource({ "ecdsa-p256": 2 });
    await pool.fill();
    expect(pool.size("ecdsa-p256")).toBe(2);
    const k = await pool.take("ecdsa-p256");
    expect(k.algorithm).toBe("ecdsa-p256");
    await pool.fill();
    expect(pool.size("ecdsa-p256")).toBe(2);
  });
});
