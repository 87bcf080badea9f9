/**
 * A KeySource for the simulator backed by a pool of RSA-2048 key pairs generated ahead of time.
 * Generating one RSA-2048 pair takes ~0.3 s of CPU and a kubeadm cluster needs ~15, so keys are
 * made in the background (node's async generateKeyPair runs on the libuv thread pool, never on
 * the event loop), one at a time to leave a core for requests, and the pool is saved to disk so
 * it survives restarts. ECDSA P-256 pairs cost ~0.15 ms and are made on demand.
 *
 * When the pool cannot cover a whole new cluster, the caller creates the cluster with kubeadm's
 * `encryptionAlgorithm: ECDSA-P256` instead (instant, equally real); see session-manager.ts.
 */
import { generateKeyPair, generateKeyPairSync } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { KeyAlgorithm, KeyPair, KeySource } from "@/lib/sim/types";

const PUBLIC_PEM = { type: "spki", format: "pem" } as const;
const PRIVATE_PEM = { type: "pkcs8", format: "pem" } as const;

function generateRsaPem(bits: number): Promise<{ publicKey: string; privateKey: string }> {
  return new Promise((resolve, reject) => {
    generateKeyPair("rsa", { modulusLength: bits, publicKeyEncoding: PUBLIC_PEM, privateKeyEncoding: PRIVATE_PEM }, (err, publicKey, privateKey) =>
      err ? reject(err) : resolve({ publicKey, privateKey }),
    );
  });
}

async function generateRsa(bits: number): Promise<KeyPair> {
  const { publicKey, privateKey } = await generateRsaPem(bits);
  return { algorithm: bits === 2048 ? "rsa-2048" : ("rsa-4096" as KeyAlgorithm), privateKeyPem: privateKey, publicKeyPem: publicKey };
}

function generateEcdsa(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256", publicKeyEncoding: PUBLIC_PEM, privateKeyEncoding: PRIVATE_PEM });
  return { algorithm: "ecdsa-p256", privateKeyPem: privateKey, publicKeyPem: publicKey };
}

export interface KeyPoolStats {
  available: number;
  target: number;
  generated: number;
  servedFromPool: number;
  servedOnDemand: number;
}

export class KeyPool implements KeySource {
  private keys: KeyPair[] = [];
  private refilling = false;
  private stopped = false;
  private dirty = false;
  readonly stats: KeyPoolStats;

  constructor(private readonly opts: { target: number; file?: string }) {
    this.stats = { available: 0, target: opts.target, generated: 0, servedFromPool: 0, servedOnDemand: 0 };
    if (opts.file && existsSync(opts.file)) {
      try {
        const saved = JSON.parse(readFileSync(opts.file, "utf8")) as KeyPair[];
        this.keys = saved.filter((k) => k && k.algorithm === "rsa-2048" && typeof k.privateKeyPem === "string");
      } catch {
        this.keys = []; // a corrupt pool file is just an empty pool
      }
    }
    this.stats.available = this.keys.length;
  }

  available(): number {
    return this.keys.length;
  }

  async take(algorithm: KeyAlgorithm): Promise<KeyPair> {
    if (algorithm === "ecdsa-p256") return generateEcdsa();
    if (algorithm === "rsa-2048") {
      const key = this.keys.pop();
      this.stats.available = this.keys.length;
      this.dirty = true;
      this.refill();
      if (key) {
        this.stats.servedFromPool++;
        return key;
      }
      this.stats.servedOnDemand++;
      return generateRsa(2048);
    }
    this.stats.servedOnDemand++;
    return generateRsa(4096);
  }

  /** Starts (or continues) background generation up to the target size. */
  refill(): void {
    if (this.refilling || this.stopped) return;
    this.refilling = true;
    void (async () => {
      try {
        while (!this.stopped && this.keys.length < this.opts.target) {
          this.keys.push(await generateRsa(2048));
          this.stats.generated++;
          this.stats.available = this.keys.length;
          this.dirty = true;
          if (this.keys.length % 8 === 0) this.save();
        }
      } finally {
        this.refilling = false;
        this.save();
      }
    })();
  }

  /** Writes the pool atomically (temp file + rename) when it changed. The pool is a cache: a failed write is logged, never fatal. */
  save(): void {
    if (!this.opts.file || !this.dirty) return;
    const tmp = `${this.opts.file}.tmp`;
    try {
      mkdirSync(dirname(this.opts.file), { recursive: true });
      writeFileSync(tmp, JSON.stringify(this.keys), { mode: 0o600 });
      renameSync(tmp, this.opts.file);
      this.dirty = false;
    } catch (err) {
      console.error(`kubeyard: could not save the key pool to ${this.opts.file}: ${(err as Error).message}`);
    }
  }

  stop(): void {
    this.stopped = true;
    this.save();
  }
}
