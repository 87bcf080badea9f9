// POST /api/billing/webhook – Stripe's signed events (the only way a payment grants or ends Pro).
// Not a cookie-authenticated route: no session, no Origin check; the Stripe signature over the
// raw body is the authentication (lib/server/billing/webhook.ts). 404 while payments are off.
import { NextResponse } from "next/server";
import { handleStripeWebhook } from "@/lib/server/billing/webhook";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  const raw = await req.text();
  const { status, body } = await handleStripeWebhook(raw, req.headers.get("stripe-signature"));
  return NextResponse.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
