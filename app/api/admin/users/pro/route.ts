// POST /api/admin/users/pro – an admin grants (optionally for N days) or revokes a learner's Pro. Audited.
import { NextResponse } from "next/server";
import { z } from "zod";
import { adminGrantPro, adminRevokePro } from "@/lib/server/entitlements/grant";
import { jsonError, jsonMutation } from "@/lib/server/http/route";
import { getPrisma } from "@/lib/server/db/client";

const body = z.discriminatedUnion("action", [
  z.object({ action: z.literal("grant"), userId: z.string().min(1).max(64), days: z.number().int().min(1).max(3650).nullable() }).strict(),
  z.object({ action: z.literal("revoke"), userId: z.string().min(1).max(64) }).strict(),
]);

export const POST = jsonMutation({ access: "admin", body }, async ({ body, user }) => {
  const exists = await getPrisma().user.findUnique({ where: { id: body.userId }, select: { id: true } });
  if (!exists) return jsonError(404, "No such user.");
  if (body.action === "grant") {
    const grant = await adminGrantPro(user.id, body.userId, { days: body.days });
    return NextResponse.json({ ok: true, endsAt: grant.endsAt });
  }
  const { revoked } = await adminRevokePro(user.id, body.userId);
  return NextResponse.json({ ok: true, revoked });
});
