// POST /api/account/sign-out-everywhere – end every session of the signed-in user
import { NextResponse } from "next/server";
import { z } from "zod";
import { revokeAllAuthSessions } from "@/lib/server/auth/sessions";
import { jsonMutation } from "@/lib/server/http/route";

export const POST = jsonMutation({ access: "user", body: z.object({}).strict() }, async ({ user }) => {
  const ended = await revokeAllAuthSessions(user.id);
  return NextResponse.json({ ok: true, sessionsEnded: ended });
});
