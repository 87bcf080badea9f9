/**
 * Secrets the operator did not set, generated once and kept beside the embedded database in
 * <dataDir>/secrets.json (mode 0600, git-ignored with the rest of .data/). Losing the file means
 * new sessions for everyone and, for the embedded database, a cluster nobody can log in to, so it
 * is never rewritten once complete.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface StoredSecrets {
  postgresPassword: string;
  authSecret: string;
}

export const SECRETS_FILE = "secrets.json";
const newSecret = () => randomBytes(32).toString("base64url");

export function loadOrCreateSecrets(dataDir: string): StoredSecrets {
  // 0755 on purpose: the embedded PostgreSQL runs as the `postgres` user and must traverse it.
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const path = join(dataDir, SECRETS_FILE);
  let stored: Partial<StoredSecrets> = {};
  if (existsSync(path)) {
    try {
      stored = JSON.parse(readFileSync(path, "utf8")) as Partial<StoredSecrets>;
    } catch {
      throw new Error(`${path} is not valid JSON; fix it or delete it together with ${join(dataDir, "postgres")}.`);
    }
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  }
  const complete = typeof stored.postgresPassword === "string" && typeof stored.authSecret === "string";
  const secrets: StoredSecrets = {
    postgresPassword: stored.postgresPassword ?? newSecret(),
    authSecret: stored.authSecret ?? newSecret(),
  };
  if (!complete) {
    // Write-then-rename so a crash never leaves a truncated file behind.
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, path);
  }
  return secrets;
}
