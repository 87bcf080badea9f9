// GET|POST /api/auth/* – next-auth (sign-in, sign-out, CSRF token, OAuth callbacks)
import NextAuth from "next-auth";
import { buildAuthOptions } from "@/lib/server/auth/options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Ctx) {
  return NextAuth(req as never, ctx as never, buildAuthOptions());
}

export { handler as GET, handler as POST };
