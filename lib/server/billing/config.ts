/**
 * Whether payments are on. Off (the default, "early access") when the Stripe variables are unset:
 * the upgrade is free and immediate and no Stripe call ever happens. lib/env.ts has already
 * checked at start-up that they are set all together or not at all.
 */
export interface StripeConfig {
  secretKey: string;
  webhookSecret: string;
  priceId: string;
  apiBase: URL | null;
}

export function stripeConfig(env: Record<string, string | undefined> = process.env): StripeConfig | null {
  const secretKey = env.STRIPE_SECRET_KEY;
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET;
  const priceId = env.STRIPE_PRICE_ID;
  if (!secretKey || !webhookSecret || !priceId) return null;
  return { secretKey, webhookSecret, priceId, apiBase: env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE) : null };
}

export function paymentsEnabled(): boolean {
  return stripeConfig() !== null;
}
