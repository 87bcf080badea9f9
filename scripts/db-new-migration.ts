/**
 * npm run db:new-migration -- <name>   writes prisma/migrations/<timestamp>_<name>/ from the schema change
 * npm run db:check                     exits 1 when prisma/schema.prisma and the migrations disagree (CI)
 * Options (for tests): --schema <path>  --migrations <dir>
 * Works offline and without a database (lib/server/db/migration-authoring.ts explains how).
 */
import { resolve } from "node:path";
import { checkMigrations, createMigration } from "../lib/server/db/migration-authoring";

function parseArgs(argv: string[]) {
  const out: { check: boolean; name?: string; schemaPath?: string; migrationsDir?: string } = { check: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--check") out.check = true;
    else if (a === "--schema") out.schemaPath = resolve(argv[++i] ?? "");
    else if (a === "--migrations") out.migrationsDir = resolve(argv[++i] ?? "");
    else if (a.startsWith("--")) throw new Error(`Unknown option ${a}`);
    else out.name = a;
  }
  return out;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const paths = { schemaPath: args.schemaPath, migrationsDir: args.migrationsDir };
  if (args.check) {
    const result = await checkMigrations(paths);
    if (result.ok) {
      console.log(`db:check: schema.prisma matches the migrations (latest ${result.latest}).`);
      return 0;
    }
    for (const p of result.problems) console.error(`db:check: ${p}`);
    return 1;
  }
  if (!args.name) throw new Error("Usage: npm run db:new-migration -- <name>   (or --check)");
  const created = await createMigration(args.name, paths);
  if (!created) {
    console.log("No schema changes since the last migration; nothing written.");
    return 0;
  }
  console.log(`Created prisma/migrations/${created.name}/migration.sql (review it; hand edits such as data backfills are fine):\n`);
  console.log(created.sql);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
