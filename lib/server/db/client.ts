/**
 * The Prisma client: Rust-free, talking to PostgreSQL through the `pg` driver adapter.
 *
 * One small pool per process: several app instances share one PostgreSQL, so each keeps few
 * connections. `synchronous_commit` is left at PostgreSQL's default (on): a terminal command is
 * acknowledged only after its COMMIT is durable (security.md E1), and nothing here turns it off.
 */
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { parseEnvVariable } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type { PrismaClient };

export function createPrismaClient(databaseUrl: string, opts: { poolSize?: number } = {}): PrismaClient {
  // Connections per process: DATABASE_POOL_SIZE, parsed as lib/env.ts parses it (default 10).
  const max = opts.poolSize ?? parseEnvVariable("DATABASE_POOL_SIZE");
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    // Belt and braces for E1: even if a role or database default says otherwise, commits wait for WAL flush.
    options: "-c synchronous_commit=on",
  });
  return new PrismaClient({ adapter });
}

// Cached on globalThis so Next's dev hot reload re-evaluating this module reuses the pool
// instead of leaking a new one per edit.
const holder = globalThis as unknown as { __kubeyardPrisma?: { url: string; client: PrismaClient } };

/**
 * The process-wide client for process.env.DATABASE_URL (set by server/index.ts after
 * prepareRuntime). If the URL changes (tests switch databases), a new client replaces the old.
 */
export function getPrisma(): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (server/index.ts sets it at start-up; scripts and tests must too)");
  const cached = holder.__kubeyardPrisma;
  if (cached && cached.url === url) return cached.client;
  if (cached) void cached.client.$disconnect().catch(() => undefined);
  const client = createPrismaClient(url);
  holder.__kubeyardPrisma = { url, client };
  return client;
}

/** Closes the process-wide client (graceful shutdown, end of a test file). */
export async function disconnectPrisma(): Promise<void> {
  const cached = holder.__kubeyardPrisma;
  holder.__kubeyardPrisma = undefined;
  if (cached) await cached.client.$disconnect();
}
