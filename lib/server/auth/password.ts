/**
 * Password hashing: argon2id with OWASP ASVS 5.0 parameters (m=19456 KiB, t=2, p=1; security.md A1).
 * At most MAX_CONCURRENT_HASHES run at once (each holds ~19 MiB), so a burst of logins cannot
 * exhaust memory (A2); the rest wait their turn.
 */
import "server-only";
import { hash, verify } from "@node-rs/argon2";

export const ARGON2_PARAMS = Object.freeze({
  algorithm: 2 as const, // Algorithm.Argon2id (const enum in the typings; the value is stable)
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
});

const MAX_CONCURRENT_HASHES = 4;
let running = 0;
const waiting: (() => void)[] = [];

async function withHashSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** How many hashes run and wait right now (for tests and metrics). */
export function hashConcurrency(): { running: number; waiting: number; max: number } {
  return { running, waiting: waiting.length, max: MAX_CONCURRENT_HASHES };
}

export function hashPassword(password: string): Promise<string> {
  return withHashSlot(() => hash(password, ARGON2_PARAMS));
}

/** Constant-time verification; false for a malformed hash instead of throwing. */
export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return withHashSlot(() => verify(passwordHash, password).catch(() => false));
}

/** A hash of a random password, verified against when the account does not exist, so timing does not reveal it. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("dummy-password-for-timing-" + Math.random());
  return dummyHash;
}
