/**
 * next-auth configuration: email + password (Credentials) always, GitHub when GITHUB_ID and
 * GITHUB_SECRET are set. Sessions are JWT cookies that carry a server-side session id (sid), so
 * sign-out, password change and "sign out everywhere" really end them (see sessions.ts).
 */
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GithubProvider from "next-auth/providers/github";
import { z } from "zod";
import { getRuntimeConfig } from "@/lib/server/config";
import { CLIENT_IP_HEADER } from "@/lib/server/http/client-ip";
import { findUserForSignIn, upsertGithubUser } from "@/lib/server/users/users";
import { safeRedirect } from "./callback-url";
import { authCookies } from "./cookies";
import { dummyPasswordHash, verifyPassword } from "./password";
import { refundTokens, signInBuckets, takeTokens } from "./rate-limit";
import { ABSOLUTE_TIMEOUT_MS, createAuthSession, revokeAuthSession } from "./sessions";

const credentialsSchema = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(1024),
});

type HeaderBag = Record<string, string | string[] | undefined> | undefined;
const header = (h: HeaderBag, name: string) => {
  const v = h?.[name];
  return Array.isArray(v) ? v[0] : (v ?? null);
};

export function buildAuthOptions(): NextAuthOptions {
  const config = getRuntimeConfig();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const ip = header(req?.headers as HeaderBag, CLIENT_IP_HEADER);
        // A token from each limit before the (costly) check; given back if the password is right.
        const buckets = signInBuckets(email, ip);
        if (!(await takeTokens(buckets)).ok) throw new Error("RateLimited");
        const user = await findUserForSignIn(email);
        // Verify against a dummy hash when there is no such user: same cost, no account enumeration.
        const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
        if (!user || !user.passwordHash || !ok || user.disabledAt) return null;
        await refundTokens(buckets);
        const sid = await createAuthSession(user.id, { ip, userAgent: header(req?.headers as HeaderBag, "user-agent") });
        return { id: user.id, email: user.email, name: user.name, sid };
      },
    }),
  ];
  if (config.github) providers.push(GithubProvider(config.github));

  return {
    secret: config.authSecret,
    providers,
    pages: { signIn: "/sign-in", error: "/sign-in" },
    // The cookie lives at most as long as the absolute session limit; idle expiry is server-side.
    session: { strategy: "jwt", maxAge: ABSOLUTE_TIMEOUT_MS / 1000, updateAge: 24 * 60 * 60 },
    jwt: { maxAge: ABSOLUTE_TIMEOUT_MS / 1000 },
    useSecureCookies: config.secureCookies,
    cookies: authCookies(config.secureCookies),
    callbacks: {
      redirect: async (params) => safeRedirect(params),
      async signIn({ account, profile }) {
        if (account?.provider !== "github") return true;
        const email = (profile as { email?: string | null } | undefined)?.email;
        return Boolean(email); // GitHub accounts without a public/verified email cannot sign in
      },
      async jwt({ token, user, account, profile }) {
        const gh = profile as { id?: number | string; email?: string | null; name?: string | null; avatar_url?: string | null } | undefined;
        if (account?.provider === "github" && gh?.email) {
          const dbUser = await upsertGithubUser({
            githubId: String(gh.id),
            email: gh.email,
            name: gh.name ?? null,
            image: gh.avatar_url ?? null,
          });
          // A disabled account gets no session (resolveAuthSession would refuse it anyway).
          if (dbUser.disabledAt) throw new Error("AccessDenied");
          token.sub = dbUser.id;
          token.sid = await createAuthSession(dbUser.id, {});
        } else if (user) {
          token.sub = user.id;
          token.sid = (user as { sid?: string }).sid;
        }
        return token;
      },
      async session({ session, token }) {
        // Only the id goes to the client; role and plan are decided on the server per request.
        return { ...session, user: { ...session.user, id: token.sub } } as typeof session;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await revokeAuthSession(token.sid);
      },
    },
  };
}
