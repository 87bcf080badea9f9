import { describe, expect, it } from "vitest";
import { loadEnv } from "@/lib/env";
import { deriveRuntimeConfig } from "@/lib/server/config";
import { stripeConfig } from "./config";

const configOf = (env: Record<string, string>) => deriveRuntimeConfig(loadEnv({ AUTH_SECRET: "s".repeat(32), ...env }));

const KEYS = { STRIPE_SECRET_KEY: "sk_test_abc123", STRIPE_WEBHOOK_SECRET: "whsec_abc123", STRIPE_PRICE_ID: "price_abc123" };

describe("payment configuration", () => {
  it("is off without the Stripe variables (early access)", () => {
    expect(stripeConfig(configOf({}))).toBeNull();
    expect(() => loadEnv({})).not.toThrow();
  });

  it("needs all three Stripe variables or none", () => {
    expect(() => loadEnv({ STRIPE_SECRET_KEY: KEYS.STRIPE_SECRET_KEY })).toThrow(/STRIPE_WEBHOOK_SECRET, STRIPE_PRICE_ID/);
    expect(() => loadEnv({ ...KEYS, STRIPE_PRICE_ID: "" })).toThrow(/STRIPE_PRICE_ID/);
    expect(() => loadEnv(KEYS)).not.toThrow();
    expect(stripeConfig(configOf(KEYS))).toMatchObject({ secretKey: "sk_test_abc123", priceId: "price_abc123", apiBase: null });
  });

  it("rejects values that are not Stripe keys", () => {
    expect(() => loadEnv({ ...KEYS, STRIPE_SECRET_KEY: "pk_test_public" })).toThrow(/STRIPE_SECRET_KEY/);
    expect(() => loadEnv({ ...KEYS, STRIPE_WEBHOOK_SECRET: "secret" })).toThrow(/STRIPE_WEBHOOK_SECRET/);
  });
});
