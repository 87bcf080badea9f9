// POST /api/billing/upgrade – the upgrade button. Early access (no Stripe keys): Pro is granted
// now, free. With payments on: returns a Stripe Checkout URL and grants nothing (only the signed
// webhook does, lib/server/billing/webhook.ts).
import { NextResponse } from "next/server";
import { z } from "zod";
import { getRuntimeConfig } from "@/lib/server/config";
import { paymentsEnabled } from "@/lib/server/billing/config";
import { createCheckout } from "@/lib/server/billing/stripe";
import { grantEarlyAccess } from "@/lib/server/entitlements/grant";
import { jsonError, jsonMutation } from "@/lib/server/http/route";

export const POST = jsonMutation({ access: "user", body: z.object({}).strict() }, async ({ user }) => {
  if (paymentsEnabled()) {
    if (user.isPro) return NextResponse.json({ ok: true, granted: false, plan: "PRO" });
    try {
      const checkoutUrl = await createCheckout(user, getRuntimeConfig().appUrl);
      return NextResponse.json({ ok: true, checkoutUrl }, { headers: { "Cache-Control": "no-store" } });
    } catch (err) {
      console.error("stripe checkout:", err instanceof Error ? err.message : err);
      return jsonError(502, "The payment page could not be opened. Please try again in a minute.");
    }
  }
  const result = await grantEarlyAccess(user.id);
  if ("refused" in result) {
    return result.refused === "disabled"
      ? jsonError(401, "Sign in first.")
      : jsonError(403, "An administrator ended your Pro access, so it cannot be renewed here. Ask them if you think this is a mistake.");
  }
  return NextResponse.json({ ok: true, granted: result.granted, plan: "PRO" });
});
