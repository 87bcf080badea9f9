/**
 * Whether payments are on. Off (the default, "early access") when the Stripe variables are unset:
 * the upgrade is free and immediate and no Stripe call ever happens. lib/env.ts has already
 * checked at start-up that they are set all together or not at all.
 */
import "server-only";
import { getRuntimeConfig, type StripeConfig } from "@/lib/server/config";

export type { StripeConfig };

export function stripeConfig(config = getRuntimeConfig()): StripeConfig | null {
  return config.stripe;
}

export function paymentsEnabled(): boolean {
  return stripeConfig() !== null;
}
