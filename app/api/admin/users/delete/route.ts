// POST /api/admin/users/delete – an admin removes an account (test or spam) and everything of its
// owner's. The admin types the account's email to confirm. Audited; not for the admin's own account.
import { NextResponse } from "next/server";
import { z } from "zod";
import { deleteAccount } from "@/lib/server/admin/accounts";
import { AdminRuleError } from "@/lib/server/admin/users";
import { getPrisma } from "@/lib/server/db/client";
import { jsonError, jsonMutation } from "@/lib/server/http/route";

const body = z.object({ userId: z.string().min(1).max(64), confirmEmail: z.string().max(320) }).strict();

export const POST = jsonMutation({ access: "admin", body }, async ({ body, user }) => {
  const target = await getPrisma().user.findUnique({ where: { id: body.userId }, select: { email: true } });
  if (!target) return jsonError(404, "No such user.");
  if (body.userId === user.id) return jsonError(409, "You cannot delete your own account here; use your account page.");
  if (body.confirmEmail.trim().toLowerCase() !== target.email) {
    return jsonError(400, "Type the account's email address to confirm.", {
      fieldErrors: { confirmEmail: ["Does not match the account's email."] },
    });
  }
  try {
    await deleteAccount(body.userId, { actorId: user.id });
  } catch (err) {
    if (err instanceof AdminRuleError) return jsonError(409, err.message);
    throw err;
  }
  return NextResponse.json({ ok: true });
});
