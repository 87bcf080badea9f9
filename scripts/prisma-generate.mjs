#!/usr/bin/env node
/**
 * `prisma generate`, offline and quiet (package.json postinstall and `npm run prisma:generate`).
 *
 * Why a wrapper: the Prisma 7 CLI insists on a native schema-engine binary it downloads on first
 * use, and that host is unreachable here (stack.md "Prisma offline"). Generation itself runs in
 * WebAssembly, so pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file is enough. Output is
 * printed only when generation fails, so `npm ci` stays readable.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));

let prismaDir;
try {
  prismaDir = dirname(require.resolve("prisma/package.json"));
} catch {
  // `npm ci --omit=dev` has no CLI: keep a client generated earlier rather than fail the install.
  const hasClient = existsSync(join(root, "lib/generated/prisma/client.ts"));
  console.warn(
    `prisma-generate: the prisma CLI is not installed; ${hasClient ? "keeping the existing client" : "no Prisma client generated"}.`,
  );
  process.exit(hasClient ? 0 : 1);
}

// Any existing file satisfies the CLI's check; the CLI's own wasm engine ships in the package.
const engineStandIn = join(prismaDir, "build/schema_engine_bg.wasm");

const result = spawnSync(process.execPath, [join(prismaDir, "build/index.js"), "generate", "--schema", "prisma/schema.prisma"], {
  cwd: root,
  encoding: "utf8",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || engineStandIn,
    PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1", // no version-check call home
    PRISMA_GENERATE_NO_HINTS: "1",
  },
});

if (result.status !== 0) {
  process.stderr.write(result.stdout ?? "");
  process.stderr.write(result.stderr ?? "");
  if (result.error) console.error(`prisma-generate: ${result.error.message}`);
  console.error("prisma-generate: `prisma generate` failed (see above).");
  process.exit(result.status ?? 1);
}
