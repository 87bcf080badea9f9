/** Data access for accounts. Emails are stored lower-cased; lookups lower-case too. */
import "server-only";
import { getPrisma } from "@/lib/server/db/client";
import { hashPassword } from "@/lib/server/auth/password";

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function findUserForSignIn(email: string) {
  return getPrisma().user.findUnique({
    where: { email: normaliseEmail(email) },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, disabledAt: true },
  });
}

export type CreateUserResult = { ok: true; id: string } | { ok: false; reason: "email-taken" };

export async function createLearner(input: { email: string; name?: string | null; password: string }): Promise<CreateUserResult> {
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await getPrisma().user.create({
      data: { email: normaliseEmail(input.email), name: input.name?.trim() || null, passwordHash, role: "LEARNER" },
      select: { id: true },
    });
    return { ok: true, id: user.id };
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") return { ok: false, reason: "email-taken" };
    throw err;
  }
}

export async function getPasswordHash(userId: string): Promise<string | null> {
  const u = await getPrisma().user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  return u?.passwordHash ?? null;
}

export async function setPassword(userId: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await getPrisma().user.update({ where: { id: userId }, data: { passwordHash } });
}

/** GitHub sign-in: the account linked to this GitHub id, else the user with this verified email, else a new learner. */
export async function upsertGithubUser(profile: { githubId: string; email: string; name: string | null; image: string | null }) {
  const prisma = getPrisma();
  const linked = await prisma.account.findUnique({
    where: { provider_providerAccountId: { provider: "github", providerAccountId: profile.githubId } },
    select: { user: { select: { id: true, disabledAt: true } } },
  });
  if (linked) return linked.user;
  const email = normaliseEmail(profile.email);
  return prisma.user.upsert({
    where: { email },
    update: { accounts: { create: { provider: "github", providerAccountId: profile.githubId, type: "oauth" } } },
    create: {
      email,
      name: profile.name,
      image: profile.image,
      role: "LEARNER",
      accounts: { create: { provider: "github", providerAccountId: profile.githubId, type: "oauth" } },
    },
    select: { id: true, disabledAt: true },
  });
}
