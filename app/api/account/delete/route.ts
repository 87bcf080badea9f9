// POST /api/account/delete – the signed-in learner deletes their own account and everything of
// theirs (progress, answers, clusters, sessions). Confirmed with the password, or, for an account
// that only signs in with GitHub, by typing its email.
import { NextResponse } from "next/server";
import { z } from "zod";
import { deleteAccount } from "@/lib/server/admin/accounts";
import { verifyPassword } from "@/lib/server/auth/password";
import { jsonError, jsonMutation } from "@/lib/server/http/route";
import { getPasswordHash } from "@/lib/server/users/users";

const body = z.object({ password: z.string().max(1024).optional(), confirmEmail: z.string().max(320).optional() }).strict();

export const POST = jsonMutation({ access: "user", body }, async ({ body, user }) => {
  const hash = await getPasswordHash(user.id);
  if (hash) {
    if (!body.password || !(await verifyPassword(hash, body.password))) {
      return jsonError(400, "Your password is not correct.", { fieldErrors: { password: ["Not correct."] } });
    }
  } else if (body.confirmEmail?.trim().toLowerCase() !== user.email) {
    return jsonError(400, "Type your email address to confirm.", { fieldErrors: { confirmEmail: ["Does not match your email."] } });
  }
  await deleteAccount(user.id, "self");
  return NextResponse.json({ ok: true });
});
