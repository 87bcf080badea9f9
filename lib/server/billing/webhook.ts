/**
 * Stripe's webhook: the only way a payment grants Pro (security.md F2).
 *
 * - The signature is checked on the raw body with Stripe's library, 300 s tolerance: an unsigned,
 *   tampered or stale delivery gets 400 and changes nothing.
 * - Idempotent per event id: the id goes into stripe_events in the same transaction as the
 *   effect; a replay finds it there and does nothing (200, so Stripe stops retrying).
 * - Order is not assumed: Stripe may deliver a cancellation or refund before the checkout that
 *   it ends. Ending events are stored with the object they end (subscription, payment intent,
 *   customer) and the time they happened; a checkout whose subscription/payment was already
 *   ended after the session was created grants nothing.
 * - Effects: checkout.session.completed (paid) and checkout.session.async_payment_succeeded grant
 *   Pro (source PAYMENT, externalRef = subscription or payment intent id); customer.subscription.deleted
 *   ends the grant of that subscription; charge.refunded (fully refunded) ends the grant of that
 *   payment intent and the customer's payment grants. Each change is in the audit log (actor: system).
 */
import "server-only";
import type Stripe from "stripe";
import { getPrisma } from "@/lib/server/db/client";
import { writeAudit } from "@/lib/server/audit/audit";
import { stripeConfig } from "./config";
import { stripeClient } from "./stripe";

export const WEBHOOK_TOLERANCE_SECONDS = 300;
export const MAX_WEBHOOK_BYTES = 512 * 1024;

export type WebhookResult = { status: number; body: Record<string, unknown> };

const ENDING = ["customer.subscription.deleted", "charge.refunded"];

const idOf = (v: string | { id: string } | null | undefined): string | null => (typeof v === "string" ? v : (v?.id ?? null));

/** Verifies and applies one delivery. */
export async function handleStripeWebhook(rawBody: string, signature: string | null, now = new Date()): Promise<WebhookResult> {
  const config = stripeConfig();
  if (!config) return { status: 404, body: { error: "Payments are not enabled." } };
  if (!signature) return { status: 400, body: { error: "Missing Stripe-Signature." } };
  if (Buffer.byteLength(rawBody) > MAX_WEBHOOK_BYTES) return { status: 413, body: { error: "Payload too large." } };
  let event: Stripe.Event;
  try {
    event = stripeClient(config).webhooks.constructEvent(rawBody, signature, config.webhookSecret, WEBHOOK_TOLERANCE_SECONDS);
  } catch {
    return { status: 400, body: { error: "Invalid signature." } };
  }
  const outcome = await applyStripeEvent(event, now);
  return { status: 200, body: { received: true, outcome } };
}

type Outcome = "duplicate" | "granted" | "ended" | "ignored" | "already-ended";

/** Applies a verified event exactly once. Exported for tests. */
export async function applyStripeEvent(event: Stripe.Event, now = new Date()): Promise<Outcome> {
  const occurredAt = new Date(event.created * 1000);
  const objectRef = refOf(event);
  return getPrisma().$transaction(async (tx) => {
    const inserted = await tx.$executeRaw`
      INSERT INTO stripe_events (id, type, object_ref, occurred_at) VALUES (${event.id}, ${event.type}, ${objectRef}, ${occurredAt})
      ON CONFLICT (id) DO NOTHING`;
    if (inserted === 0) return "duplicate";

    switch (event.type) {
      case "checkout.session.completed":
      case "checkout.session.async_payment_succeeded": {
        const session = event.data.object;
        if (session.payment_status !== "paid" && session.payment_status !== "no_payment_required") return "ignored"; // async: wait for the success event
        const userId = session.client_reference_id ?? session.metadata?.kubeyardUserId ?? null;
        const ref = idOf(session.subscription) ?? idOf(session.payment_intent) ?? session.id;
        const customer = idOf(session.customer);
        if (!userId || !(await tx.user.findUnique({ where: { id: userId }, select: { id: true } }))) return "ignored";
        // Already ended (cancellation/refund delivered first)?
        const sessionCreated = new Date(session.created * 1000);
        const ended = await tx.stripeEvent.findFirst({
          where: { type: { in: ENDING }, objectRef: { in: [ref, ...(customer ? [customer] : [])] }, occurredAt: { gte: sessionCreated } },
          select: { id: true },
        });
        if (ended) return "already-ended";
        const existing = await tx.entitlement.findFirst({ where: { source: "PAYMENT", externalRef: ref }, select: { id: true } });
        if (existing) return "duplicate"; // completed + async_payment_succeeded for the same payment
        await tx.entitlement.create({
          data: { userId, plan: "PRO", source: "PAYMENT", startsAt: now, externalRef: ref, externalCustomer: customer },
        });
        await writeAudit(tx, { actorId: null, action: "pro.payment", targetUserId: userId, details: { stripeEvent: event.id, ref } });
        return "granted";
      }
      case "customer.subscription.deleted": {
        const sub = event.data.object;
        return endGrants(tx, { refs: [sub.id], customer: null }, now, event.id);
      }
      case "charge.refunded": {
        const charge = event.data.object;
        if (!charge.refunded) return "ignored"; // partial refund: Pro stays
        const pi = idOf(charge.payment_intent);
        return endGrants(tx, { refs: pi ? [pi] : [], customer: idOf(charge.customer) }, now, event.id);
      }
      default:
        return "ignored";
    }
  });
}

type Tx = Parameters<Parameters<ReturnType<typeof getPrisma>["$transaction"]>[0]>[0];

async function endGrants(tx: Tx, by: { refs: string[]; customer: string | null }, now: Date, eventId: string): Promise<Outcome> {
  const or = [...(by.refs.length ? [{ externalRef: { in: by.refs } }] : []), ...(by.customer ? [{ externalCustomer: by.customer }] : [])];
  if (!or.length) return "ignored";
  const grants = await tx.entitlement.findMany({
    where: { source: "PAYMENT", revokedAt: null, OR: or, AND: [{ OR: [{ endsAt: null }, { endsAt: { gt: now } }] }] },
    select: { id: true, userId: true, externalRef: true },
  });
  for (const g of grants) {
    await tx.entitlement.update({ where: { id: g.id }, data: { endsAt: now } });
    await writeAudit(tx, {
      actorId: null,
      action: "pro.payment_ended",
      targetUserId: g.userId,
      details: { stripeEvent: eventId, ref: g.externalRef },
    });
  }
  return grants.length ? "ended" : "ignored";
}

/** The object an event is about, stored so that a later (earlier-created) checkout can see it. */
function refOf(event: Stripe.Event): string | null {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      const s = event.data.object;
      return idOf(s.subscription) ?? idOf(s.payment_intent) ?? s.id;
    }
    case "customer.subscription.deleted":
      return event.data.object.id;
    case "charge.refunded":
      // The customer: a refund ends the customer's payment grants, whichever checkout made them.
      return idOf(event.data.object.customer) ?? idOf(event.data.object.payment_intent);
    default:
      return null;
  }
}
