/**
 * A database of its own for one integration test file: cloned from the migrated template that
 * test/global-setup.ts made, so every file starts from the same empty, fully migrated schema and
 * nothing leaks between files. Call drop() in afterAll.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createPrismaClient, type PrismaClient } from "../lib/server/db/client";

export interface TestDatabase {
  url: string;
  prisma: PrismaClient;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function onServer(adminUrl: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  c.on("error", () => undefined);
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end().catch(() => undefined);
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject("testDbAdminUrl");
  const template = inject("testDbTemplate");
  if (!adminUrl || !template) throw new Error("createTestDatabase() runs only in the integration project (vitest --project integration).");
  const name = `kubeyard_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
  await onServer(adminUrl, `CREATE DATABASE ${q(name)} TEMPLATE ${q(template)}`);
  const url = withDatabase(adminUrl, name);
  const prisma = createPrismaClient(url, { poolSize: 4 });
  let dropped = false;
  return {
    url,
    prisma,
    async drop() {
      if (dropped) return;
      dropped = true;
      await prisma.$disconnect().catch(() => undefined);
      // FORCE: a server child process or a leaked pool may still be connected.
      await onServer(adminUrl, `DROP DATABASE IF EXISTS ${q(name)} WITH (FORCE)`);
    },
  };
}
