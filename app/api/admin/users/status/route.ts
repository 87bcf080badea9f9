// POST /api/admin/users/status – an admin disables (signed out everywhere, terminals closed, no
// sign-in, no Pro re-grant) or enables an account. Audited; an admin cannot disable themselves.
import { NextResponse } from "next/server";
import { z } from "zod";
import { setDisabled } from "@/lib/server/admin/accounts";
import { AdminRuleError } from "@/lib/server/admin/users";
import { jsonError, jsonMutation } from "@/lib/server/http/route";

const body = z.object({ userId: z.string().min(1).max(64), disabled: z.boolean() }).strict();

export const POST = jsonMutation({ access: "admin", body }, async ({ body, user }) => {
  try {
    const { changed } = await setDisabled(user.id, body.userId, body.disabled);
    return NextResponse.json({ ok: true, changed });
  } catch (err) {
    if (err instanceof AdminRuleError) return jsonError(409, err.message);
    throw err;
  }
});
