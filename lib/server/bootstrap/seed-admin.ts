/**
 * The first admin (security.md A9: no default admin password). Runs at every start and does
 * nothing once any ADMIN exists. The password is ADMIN_PASSWORD, or a random one printed once,
 * at the moment the account is created; it is never stored in clear anywhere.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { hashPassword } from "../auth/password";
import { createPrismaClient } from "../db/client";

export const DEFAULT_ADMIN_EMAIL = "admin@kubeyard.local";
/** Any constant works; it only serialises two instances seeding at the same moment. */
const SEED_LOCK_KEY = 727_274_001;

export interface SeedResult {
  created: boolean;
  email?: string;
}

export async function seedFirstAdmin(
  databaseUrl: string,
  opts: { adminEmail?: string; adminPassword?: string; log: (m: string) => void },
): Promise<SeedResult> {
  const prisma = createPrismaClient(databaseUrl, { poolSize: 2 });
  try {
    if ((await prisma.user.count({ where: { role: "ADMIN" } })) > 0) return { created: false };
    const email = (opts.adminEmail ?? DEFAULT_ADMIN_EMAIL).trim().toLowerCase();
    const generated = opts.adminPassword ? null : randomBytes(18).toString("base64url");
    const password = opts.adminPassword ?? generated ?? "";
    const passwordHash = await hashPassword(password);

    const outcome = await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`;
      if ((await tx.user.count({ where: { role: "ADMIN" } })) > 0) return "exists" as const;
      const existing = await tx.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
      if (existing) {
        // ADMIN_EMAIL names a learner who signed up already: promote them. Their own password
        // stays unless the operator set ADMIN_PASSWORD.
        const keep = existing.passwordHash !== null && !opts.adminPassword;
        await tx.user.update({ where: { id: existing.id }, data: { role: "ADMIN", ...(keep ? {} : { passwordHash }) } });
        return keep ? ("promoted" as const) : ("promoted-with-password" as const);
      }
      await tx.user.create({ data: { email, name: "Administrator", role: "ADMIN", passwordHash } });
      return "created" as const;
    });
    if (outcome === "exists") return { created: false };

    if (outcome === "promoted") opts.log(`Existing account ${email} is now the administrator (its password is unchanged).`);
    else if (generated) {
      const bar = "=".repeat(72);
      opts.log(
        [
          bar,
          "  Kubeyard administrator created. This password is shown ONCE; save it now.",
          `    email:    ${email}`,
          `    password: ${generated}`,
          "  (Set ADMIN_EMAIL / ADMIN_PASSWORD before the first start to choose them.)",
          bar,
        ].join("\n"),
      );
    } else opts.log(`Administrator ${email} created with the password from ADMIN_PASSWORD.`);
    return { created: true, email };
  } finally {
    await prisma.$disconnect();
  }
}
