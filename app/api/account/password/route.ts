// POST /api/account/password – change the signed-in user's password; ends every session
import { NextResponse } from "next/server";
import { z } from "zod";
import { verifyPassword } from "@/lib/server/auth/password";
import { checkNewPassword } from "@/lib/server/auth/password-policy";
import { revokeAllAuthSessions } from "@/lib/server/auth/sessions";
import { jsonError, jsonMutation } from "@/lib/server/http/route";
import { getPasswordHash, setPassword } from "@/lib/server/users/users";

const body = z.object({ currentPassword: z.string().max(1024), newPassword: z.string().max(1024) }).strict();

export const POST = jsonMutation({ access: "user", body }, async ({ body, user }) => {
  const current = await getPasswordHash(user.id);
  if (!current || !(await verifyPassword(current, body.currentPassword))) {
    return jsonError(400, "Your current password is not correct.", { fieldErrors: { currentPassword: ["Not correct."] } });
  }
  const problem = await checkNewPassword(body.newPassword, user.email);
  if (problem) return jsonError(400, problem, { fieldErrors: { newPassword: [problem] } });
  await setPassword(user.id, body.newPassword);
  const ended = await revokeAllAuthSessions(user.id);
  return NextResponse.json({ ok: true, sessionsEnded: ended });
});
