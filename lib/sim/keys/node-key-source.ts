/**
 * KeySources backed by node:crypto. NodeKeySource generates on demand (RSA-2048 takes ~0.1-0.3 s,
 * so it runs off the event loop via the async API); PooledKeySource keeps keys generated ahead of
 * time so creating a cluster does not wait for prime searches.
 */
import { generateKeyPair } from "node:crypto";
import type { KeyAlgorithm, KeyPair, KeySource } from "../types";

export { DeterministicKeySource } from "./deterministic-key-source";

export function generateKey(algorithm: KeyAlgorithm): Promise<KeyPair> {
  const enc = { publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } } as const;
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, publicKeyPem: string, privateKeyPem: string) =>
      err ? reject(err) : resolve({ algorithm, privateKeyPem, publicKeyPem });
    if (algorithm === "rsa-2048") generateKeyPair("rsa", { modulusLength: 2048, ...enc }, done);
    else generateKeyPair("ec", { namedCurve: "prime256v1", ...enc }, done);
  });
}

export class NodeKeySource implements KeySource {
  take(algorithm: KeyAlgorithm): Promise<KeyPair> {
    return generateKey(algorithm);
  }
}

/** Serves keys from a pool refilled in the background; falls back to generating on demand. */
export class PooledKeySource implements KeySource {
  private readonly pools: Record<KeyAlgorithm, KeyPair[]> = { "rsa-2048": [], "ecdsa-p256": [] };
  private filling: Partial<Record<KeyAlgorithm, Promise<void>>> = {};

  constructor(private readonly target: Partial<Record<KeyAlgorithm, number>> = { "rsa-2048": 32 }) {}

  /** Resolves once every pool holds its target count. */
  async fill(): Promise<void> {
    await Promise.all((Object.keys(this.target) as KeyAlgorithm[]).map((a) => this.refill(a)));
  }

  /** Adds ready-made keys (for example a fixture pool in benchmarks). */
  add(keys: KeyPair[]): void {
    for (const k of keys) this.pools[k.algorithm].push(k);
  }

  size(algorithm: KeyAlgorithm): number {
    return this.pools[algorithm].length;
  }

  async take(algorithm: KeyAlgorithm): Promise<KeyPair> {
    const k = this.pools[algorithm].pop();
    void this.refill(algorithm);
    return k ?? generateKey(algorithm);
  }

  private refill(algorithm: KeyAlgorithm): Promise<void> {
    const want = this.target[algorithm] ?? 0;
    if (this.pools[algorithm].length >= want) return Promise.resolve();
    return (this.filling[algorithm] ??= (async () => {
      while (this.pools[algorithm].length < want) this.pools[algorithm].push(await generateKey(algorithm));
      delete this.filling[algorithm];
    })());
  }
}
