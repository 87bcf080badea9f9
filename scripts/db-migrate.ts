/**
 * npm run db:migrate — applies prisma/migrations to $DATABASE_URL with Prisma's WebAssembly schema
 * engine (no CLI download). The app also does this at start-up (lib/server/bootstrap); this script
 * is for operators who migrate as a separate deploy step.
 */
import { applyMigrations } from "../lib/server/db/migrate";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set. (The embedded database is migrated by `npm start` itself.)");
  const started = Date.now();
  const { applied } = await applyMigrations(url);
  console.log(
    applied.length === 0
      ? "db:migrate: database is up to date."
      : `db:migrate: applied ${applied.length} migration(s) in ${Date.now() - started} ms: ${applied.join(", ")}`,
  );
}

main().catch((err: unknown) => {
  console.error(`db:migrate: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
