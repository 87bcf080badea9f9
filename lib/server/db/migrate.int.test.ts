/**
 * Offline migrations against a real PostgreSQL: applied to an empty database and recorded in
 * _prisma_migrations as `prisma migrate deploy` records them (same checksum), idempotent, and the
 * CI drift check (`npm run db:check`) catches a schema change that no migration contains.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { checkMigrations, createMigration } from "./migration-authoring";
import { applyMigrations } from "./migrate";
import { DEFAULT_MIGRATIONS_DIR, DEFAULT_SCHEMA_PATH, REPO_ROOT, listMigrationNames } from "./migrations-dir";

const adminUrl = inject("testDbAdminUrl");
const dbName = `kubeyard_migrate_${Date.now().toString(36)}`;
const url = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();

async function sql<T extends pg.QueryResultRow>(target: string, text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: target });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

let work: string;

beforeAll(async () => {
  // An empty database, not a clone of the migrated template.
  await sql(adminUrl, `CREATE DATABASE "${dbName}"`);
  work = mkdtempSync(join(tmpdir(), "kubeyard-migrations-"));
});

afterAll(async () => {
  await sql(adminUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  rmSync(work, { recursive: true, force: true });
});

describe("applyMigrations", () => {
  const names = listMigrationNames(DEFAULT_MIGRATIONS_DIR);

  it("applies every migration to an empty database and records each like prisma migrate deploy", async () => {
    const { applied } = await applyMigrations(url);
    expect(applied).toEqual(names);
    const rows = await sql<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      applied_steps_count: number;
    }>(
      url,
      "SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name",
    );
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const r of rows) {
      // The CLI's checksum is the SHA-256 of migration.sql: a later `prisma migrate deploy` accepts these rows.
      const file = readFileSync(join(DEFAULT_MIGRATIONS_DIR, r.migration_name, "migration.sql"));
      expect(r.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(r.finished_at).not.toBeNull();
      expect(r.rolled_back_at).toBeNull();
      expect(r.applied_steps_count).toBe(1);
    }
    const tables = await sql<{ table_name: string }>(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(["users", "entitlements", "quiz_attempts", "terminal_sessions", "terminal_events", "audit_logs"]),
    );
  });

  it("is a no-op the second time", async () => {
    const before = await sql(url, "SELECT * FROM _prisma_migrations");
    expect(await applyMigrations(url)).toEqual({ applied: [] });
    expect(await sql(url, "SELECT * FROM _prisma_migrations")).toEqual(before);
  });

  it("keeps emails lower-case at the database level (hand-written CHECK in the init migration)", async () => {
    await expect(sql(url, "INSERT INTO users (id, email, updated_at) VALUES ('u1', 'Mixed@Case.io', now())")).rejects.toThrow(
      /users_email_lowercase/,
    );
  });
});

describe("authoring and the CI drift check", () => {
  function copyProject() {
    const dir = mkdtempSync(join(work, "p-"));
    cpSync(DEFAULT_SCHEMA_PATH, join(dir, "schema.prisma"));
    cpSync(DEFAULT_MIGRATIONS_DIR, join(dir, "migrations"), { recursive: true });
    return { schemaPath: join(dir, "schema.prisma"), migrationsDir: join(dir, "migrations") };
  }

  it("passes on the repository as committed", async () => {
    expect(await checkMigrations()).toMatchObject({ ok: true });
  });

  it("fails with a clear message when schema.prisma changes without a migration, and passes again after db:new-migration", async () => {
    const paths = copyProject();
    const schema = readFileSync(paths.schemaPath, "utf8");
    writeFileSync(paths.schemaPath, schema.replace("  image          String?\n", "  image          String?\n  bio            String?\n"));

    const result = await checkMigrations(paths);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems.join("\n")).toMatch(/changes that no migration contains \(AlterTable\).*npm run db:new-migration/);

    // The CLI CI runs exits non-zero with that message.
    const cli = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "--import",
        "./server/server-only.mjs",
        "scripts/db-new-migration.ts",
        "--check",
        "--schema",
        paths.schemaPath,
        "--migrations",
        paths.migrationsDir,
      ],
      {
        cwd: REPO_ROOT,
        encoding: "utf8",
      },
    );
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/db:check: .*no migration contains/);

    const created = await createMigration("add user bio", paths);
    expect(created?.name).toMatch(/^\d{14}_add_user_bio$/);
    expect(created?.sql).toContain('ALTER TABLE "users" ADD COLUMN     "bio" TEXT;');
    expect(await checkMigrations(paths)).toMatchObject({ ok: true, latest: created?.name });
    expect(await createMigration("nothing", paths)).toBeNull();

    // The new migration applies on top of the existing history.
    expect(await applyMigrations(url, { migrationsDir: paths.migrationsDir })).toEqual({ applied: [created!.name] });
    expect(await sql(url, "SELECT bio FROM users")).toEqual([]);
  });

  it("reports a newest migration that has no schema snapshot", async () => {
    const paths = copyProject();
    rmSync(join(paths.migrationsDir, listMigrationNames(paths.migrationsDir).at(-1)!, "schema.prisma"));
    const result = await checkMigrations(paths);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatch(/has no schema.prisma snapshot/);
  });
});
