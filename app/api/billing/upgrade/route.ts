// POST /api/billing/upgrade – upgrade the signed-in learner to Pro (free and immediate during early access)
import { NextResponse } from "next/server";
import { z } from "zod";
import { grantEarlyAccess } from "@/lib/server/entitlements/grant";
import { jsonMutation } from "@/lib/server/http/route";

export const POST = jsonMutation({ access: "user", body: z.object({}).strict() }, async ({ user }) => {
  const { granted } = await grantEarlyAccess(user!.id);
  return NextResponse.json({ ok: true, granted, plan: "PRO" });
});
