/**
 * Prisma 7 CLI configuration. Kubeyard applies migrations with Prisma's WebAssembly schema engine
 * (lib/server/db/migrate.ts), but with internet access `npx prisma migrate deploy` reads the same
 * folder and `_prisma_migrations` table, so it is configured here too. The URL is optional so
 * `prisma generate` (postinstall) works without a database.
 */
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
