/**
 * Database failures as one line an operator can act on (issue 2: "a bad DATABASE_URL or an
 * unreachable database gives one clear line, not a stack trace"). Never includes the password.
 */
import "server-only";
const CONNECT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ECONNRESET", "ENETUNREACH"]);

export function describeTarget(databaseUrl: string): string {
  try {
    const u = new URL(databaseUrl);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

function findCode(err: unknown, depth = 0): string | undefined {
  if (!err || typeof err !== "object" || depth > 4) return undefined;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown[]; message?: unknown };
  if (typeof e.code === "string") return e.code;
  const fromCause = findCode(e.cause, depth + 1);
  if (fromCause) return fromCause;
  if (Array.isArray(e.errors))
    for (const inner of e.errors) {
      const c = findCode(inner, depth + 1);
      if (c) return c;
    }
  return undefined;
}

/** Turns a pg / Prisma / schema-engine error into `Cannot reach PostgreSQL at host:port/db (CODE). Check DATABASE_URL.` and friends. */
export function describeDbError(err: unknown, databaseUrl: string): string {
  const target = describeTarget(databaseUrl);
  const code = findCode(err);
  const message = (err instanceof Error ? err.message : String(err)).split("\n").find((l) => l.trim()) ?? "unknown error";
  if (code && CONNECT_CODES.has(code)) return `Cannot reach PostgreSQL at ${target} (${code}). Check DATABASE_URL.`;
  if (code === "28P01" || code === "28000" || /password authentication failed|authentication failed/i.test(message)) {
    return `PostgreSQL at ${target} refused the credentials in DATABASE_URL (authentication failed).`;
  }
  if (code === "3D000" || /database .* does not exist/i.test(message))
    return `The database in DATABASE_URL does not exist at ${target}. Create it first.`;
  if (/Can't reach database server|ECONNREFUSED|connect ECONN/i.test(message))
    return `Cannot reach PostgreSQL at ${target} (ECONNREFUSED). Check DATABASE_URL.`;
  if (/timeout|timed out/i.test(message)) return `Cannot reach PostgreSQL at ${target} (timeout). Check DATABASE_URL.`;
  return `Database error at ${target}: ${message.replace(/postgres(ql)?:\/\/[^\s@]*@/g, "postgresql://***@")}`;
}
