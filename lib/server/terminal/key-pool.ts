/**
 * RSA-2048 key pairs generated ahead of time for new clusters, and RSA keys of other sizes on
 * demand, all made by the key workers (lib/server/workers/keygen-main.ts), never on the main
 * event loop or libuv's thread pool (issue 10, row 2). One pair takes ~0.3 s of CPU and a kubeadm
 * cluster needs ~20, so the pool refills in the background (the workers' lowest priority: only
 * when no learner waits for a key) and is saved to disk so it survives restarts. A learner's own
 * request (a key the pool cannot cover, `openssl genrsa 4096`) is queued fairly among learners.
 *
 * When the pool cannot cover a whole new cluster, the cluster is made with kubeadm's
 * `encryptionAlgorithm: ECDSA-P256` instead (instant, equally real); see session-manager.ts.
 */
import "server-only";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { KeyPair } from "@/lib/sim/types";

/** Makes one RSA key pair of `bits` for `tenant` (a learner id; null: background). */
export type RsaGenerator = (tenant: string | null, bits: number) => Promise<{ privateKeyPem: string; publicKeyPem: string }>;

export interface KeyPoolStats {
  available: number;
  target: number;
  generated: number;
  servedFromPool: number;
  servedOnDemand: number;
}

export class KeyPool {
  private keys: KeyPair[] = [];
  private refilling = false;
  private stopped = false;
  private dirty = false;
  readonly stats: KeyPoolStats;

  constructor(private readonly opts: { target: number; file?: string; generate: RsaGenerator }) {
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

  /** An RSA-2048 pair: from the pool, or made for `tenant` now. */
  async takeRsa2048(tenant: string | null): Promise<KeyPair> {
    const key = this.keys.pop();
    this.stats.available = this.keys.length;
    this.dirty = true;
    this.refill();
    if (key) {
      this.stats.servedFromPool++;
      return key;
    }
    this.stats.servedOnDemand++;
    return { algorithm: "rsa-2048", ...(await this.opts.generate(tenant, 2048)) };
  }

  /** An RSA key of another size (genrsa 3072/4096), made for `tenant`. */
  async rsaOfSize(tenant: string | null, bits: number): Promise<{ privateKeyPem: string; publicKeyPem: string }> {
    this.stats.servedOnDemand++;
    return this.opts.generate(tenant, bits);
  }

  /** Starts (or continues) background generation up to the target size. */
  refill(): void {
    if (this.refilling || this.stopped) return;
    this.refilling = true;
    void (async () => {
      try {
        while (!this.stopped && this.keys.length < this.opts.target) {
          this.keys.push({ algorithm: "rsa-2048", ...(await this.opts.generate(null, 2048)) });
          this.stats.generated++;
          this.stats.available = this.keys.length;
          this.dirty = true;
          if (this.keys.length % 8 === 0) this.save();
        }
      } catch (err) {
        if (!this.stopped) console.error(`kubeyard: key pool refill stopped: ${(err as Error).message}`);
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
