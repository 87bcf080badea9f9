// POST /api/admin/users/role – an admin makes a user an admin or a learner. Audited; an admin
// cannot demote themselves (so the last admin can never lock everyone out).
import { NextResponse } from "next/server";
import { z } from "zod";
import { AdminRuleError, setRole } from "@/lib/server/admin/users";
import { jsonError, jsonMutation } from "@/lib/server/http/route";

const body = z.object({ userId: z.string().min(1).max(64), role: z.enum(["LEARNER", "ADMIN"]) }).strict();

export const POST = jsonMutation({ access: "admin", body }, async ({ body, user }) => {
  try {
    const { changed } = await setRole(user.id, body.userId, body.role);
    return NextResponse.json({ ok: true, changed });
  } catch (err) {
    if (err instanceof AdminRuleError) return jsonError(409, err.message);
    throw err;
  }
});
