/**
 * The Stripe client, created only when payments are configured (so an early-access deployment
 * never loads a key or talks to Stripe). Checkout sessions carry the learner's id as
 * client_reference_id; the webhook (./webhook.ts) is what grants Pro.
 */
import "server-only";
import Stripe from "stripe";
import { stripeConfig, type StripeConfig } from "./config";

let cached: { key: string; client: Stripe } | undefined;

export function stripeClient(config: StripeConfig): Stripe {
  if (cached?.key === config.secretKey + String(config.apiBase)) return cached.client;
  const base = config.apiBase;
  const client = new Stripe(config.secretKey, {
    timeout: 15_000,
    maxNetworkRetries: 1,
    ...(base
      ? {
          host: base.hostname,
          port: base.port || (base.protocol === "https:" ? 443 : 80),
          protocol: base.protocol === "https:" ? "https" : "http",
        }
      : {}),
  });
  cached = { key: config.secretKey + String(config.apiBase), client };
  return client;
}

/** Starts a Stripe Checkout for Pro and returns its URL (the browser goes there). */
export async function createCheckout(user: { id: string; email: string }, appUrl: string): Promise<string> {
  const config = stripeConfig();
  if (!config) throw new Error("payments are not configured");
  const session = await stripeClient(config).checkout.sessions.create({
    mode: "subscription",
    line_items: [{ price: config.priceId, quantity: 1 }],
    client_reference_id: user.id,
    customer_email: user.email,
    metadata: { kubeyardUserId: user.id },
    subscription_data: { metadata: { kubeyardUserId: user.id } },
    success_url: `${appUrl}/lab?upgraded=1`,
    cancel_url: `${appUrl}/pricing?checkout=cancelled`,
  });
  if (!session.url) throw new Error("Stripe returned a checkout session without a URL");
  return session.url;
}
