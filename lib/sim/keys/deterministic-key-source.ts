/**
 * A reproducible KeySource for tests: ECDSA P-256 keys derived from the seed (the private scalar
 * is SHA-256(seed:counter)), RSA-2048 keys taken in order from a committed fixture pool
 * (fixtures/rsa-2048.json; prime search is too slow to derive per test). Never use in production.
 */
import { createECDH, createHash, createPrivateKey, createPublicKey } from "node:crypto";
import type { KeyAlgorithm, KeyPair, KeySource } from "../types";
import fixtures from "./fixtures/rsa-2048.json";

const P256_ORDER = BigInt("0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
const b64url = (b: Buffer) => b.toString("base64url");

export function deriveEcKey(seed: number, index: number): KeyPair {
  for (let attempt = 0; ; attempt++) {
    const d = createHash("sha256").update(`kubeyard-test-key:${seed}:${index}:${attempt}`).digest();
    const n = BigInt("0x" + d.toString("hex"));
    if (n === 0n || n >= P256_ORDER) continue;
    const ecdh = createECDH("prime256v1");
    ecdh.setPrivateKey(d);
    const pub = ecdh.getPublicKey();
    const jwk = { kty: "EC", crv: "P-256", d: b64url(d), x: b64url(pub.subarray(1, 33)), y: b64url(pub.subarray(33, 65)) };
    const key = createPrivateKey({ key: jwk, format: "jwk" });
    return {
      algorithm: "ecdsa-p256",
      privateKeyPem: key.export({ type: "pkcs8", format: "pem" }).toString(),
      publicKeyPem: createPublicKey(key).export({ type: "spki", format: "pem" }).toString(),
    };
  }
}

export const RSA_FIXTURES: readonly { privateKeyPem: string; publicKeyPem: string }[] = fixtures.keys;

export class DeterministicKeySource implements KeySource {
  private ec = 0;
  private rsa = 0;

  constructor(private readonly seed = 1) {}

  async take(algorithm: KeyAlgorithm): Promise<KeyPair> {
    if (algorithm === "ecdsa-p256") return deriveEcKey(this.seed, this.ec++);
    // the seed rotates the starting point so two test clusters do not share every key
    const k = RSA_FIXTURES[(this.seed + this.rsa++) % RSA_FIXTURES.length];
    return { algorithm, privateKeyPem: k.privateKeyPem, publicKeyPem: k.publicKeyPem };
  }
}
