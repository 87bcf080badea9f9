/**
 * Prisma's schema engine (migrations, diffs) as WebAssembly, driven through the pg driver adapter.
 *
 * Why: the Prisma 7 CLI downloads a native engine that cannot be fetched here (stack.md). The
 * `@prisma/schema-engine-wasm` build is the same engine. Its entry imports the .wasm as an ES
 * module, which Node 20 only allows behind --experimental-wasm-modules, so we instantiate the
 * wasm ourselves from its bytes: no flag needed in any script, test or server.
 */
import "server-only";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm";

type Bindings = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

const require = createRequire(import.meta.url);
let loading: Promise<Bindings> | undefined;

/** Instantiates the engine's wasm once per process. */
function loadBindings(): Promise<Bindings> {
  loading ??= (async () => {
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bindings: Bindings = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(join(dirname(bgPath), "schema_engine_bg.wasm"));
    // The wasm's only import module is its own JS glue, under this specifier. Its timers are
    // unref'd: the engine races its advisory-lock wait against a 10 s timeout and leaves that
    // timer pending, which would otherwise keep every script alive 10 s after it is done.
    const glue: Record<string, unknown> = { ...bindings };
    for (const [name, fn] of Object.entries(glue)) {
      if (name.startsWith("__wbg_setTimeout_") && typeof fn === "function") {
        glue[name] = (...args: unknown[]) => {
          const timer = (fn as (...a: unknown[]) => unknown)(...args);
          (timer as { unref?: () => void })?.unref?.();
          return timer;
        };
      }
    }
    const compiled = await WebAssembly.compile(new Uint8Array(bytes));
    const instance = await WebAssembly.instantiate(compiled, { "./schema_engine_bg.js": glue as WebAssembly.ModuleImports });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return loading;
}

export const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

export interface EngineOptions {
  /** null: no database (diffs between schema files only). */
  databaseUrl: string | null;
  /** Prisma schema files the engine starts with, as [path, content]. */
  datamodels?: [string, string][];
  log?: (message: string) => void;
}

/**
 * The engine probes its connection once when it starts (schema exists? server version?), even
 * for a diff between two schema files. Without a database we answer that probe and refuse any
 * other query loudly, so a diff can never silently depend on a live database.
 */
function offlineAdapterFactory() {
  const refuse = async (q: { sql: string }) => {
    throw new Error(`offline schema engine: unexpected database query: ${q.sql.slice(0, 80)}`);
  };
  const connection = {
    provider: "postgres" as const,
    adapterName: "@prisma/adapter-pg",
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    queryRaw: async (q: { sql: string }) => {
      if (!q.sql.includes("FROM pg_namespace WHERE nspname")) return refuse(q);
      // Boolean = 5, Text = 7, Int32 = 0 (ColumnTypeEnum in @prisma/driver-adapter-utils).
      return {
        columnNames: ["exists", "version", "numeric_version"],
        columnTypes: [5, 7, 0],
        rows: [[true, "PostgreSQL 18 (offline)", 180000]],
      };
    },
    executeRaw: refuse,
    executeScript: (sql: string) => refuse({ sql }),
    startTransaction: () => refuse({ sql: "BEGIN" }),
    dispose: async () => undefined,
  };
  return {
    provider: "postgres" as const,
    adapterName: "@prisma/adapter-pg",
    connect: async () => connection,
    connectToShadowDb: async () => connection,
  };
}

/**
 * PrismaPg's executeScript splits a migration on every ";", which breaks dollar-quoted bodies
 * (the analytics trigger functions) and sends the pieces to whichever pooled connection is free.
 * PostgreSQL runs a multi-statement script sent as one simple query atomically, which is what
 * `prisma migrate deploy` does, so we send the whole script at once.
 */
function wholeScripts(factory: PrismaPg, pool: pg.Pool): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const onError = (adapter as unknown as { onError(e: unknown): never }).onError.bind(adapter);
    adapter.executeScript = async (script: string) => {
      try {
        await pool.query(script);
      } catch (err) {
        onError(err);
      }
    };
    return adapter;
  };
  return factory;
}

/**
 * Runs `fn` with a fresh engine and always frees it and its connection pool afterwards. Engine
 * errors arrive as Error objects with multi-line messages; callers turn them into one line.
 */
export async function withSchemaEngine<T>(opts: EngineOptions, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadBindings();
  // Our own pool, ended below: engine.free() does not close connections, and one left open
  // would keep holding the migration advisory lock (the next run would wait 10 s for it).
  const pool = opts.databaseUrl ? new pg.Pool({ connectionString: opts.databaseUrl, max: 2, connectionTimeoutMillis: 10_000 }) : null;
  pool?.on("error", () => undefined);
  const factory = pool ? wholeScripts(new PrismaPg(pool), pool) : (offlineAdapterFactory() as unknown as PrismaPg);
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const log = (entry: unknown) => opts.log?.(typeof entry === "string" ? entry : JSON.stringify(entry));
  try {
    const engine = await SchemaEngine.new({ datamodels: opts.datamodels }, log, adapter);
    try {
      return await fn(engine);
    } finally {
      engine.free();
    }
  } finally {
    await pool?.end().catch(() => undefined);
  }
}
