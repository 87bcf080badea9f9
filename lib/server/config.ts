/**
 * The server's runtime configuration, derived from the validated environment only (lib/env.ts),
 * never from process.env by hand: one parser decides what TRUST_PROXY=yes or a half-set GitHub
 * pair mean. server/index.ts validates at start-up and then writes what the embedded default
 * generated (DATABASE_URL, AUTH_SECRET) back into process.env before Next starts, so route
 * handlers and pages (bundled separately by Next) derive the same values from the same parser.
 */
import "server-only";
import { loadEnv, type Env } from "@/lib/env";

export interface StripeConfig {
  secretKey: string;
  webhookSecret: string;
  priceId: string;
  apiBase: URL | null;
}

export interface RuntimeConfig {
  appUrl: string;
  appOrigin: string;
  /** Origins whose requests are our own: APP_URL's, plus its loopback aliases when APP_URL was not set. */
  acceptedOrigins: readonly string[];
  /** APP_URL was set explicitly (pages opened elsewhere then say where the site lives). */
  appUrlConfigured: boolean;
  authSecret: string;
  /** https, or http on localhost (browsers treat it as a secure context): cookies get Secure and the __Host- prefix */
  secureCookies: boolean;
  trustProxy: boolean;
  github: { clientId: string; clientSecret: string } | null;
  /** null: payments off (early access, Pro is free) */
  stripe: StripeConfig | null;
  signupMaxPerIpPerHour: number;
  /** where the other instances reach this one (INSTANCE_URL): a tab for a cluster held here is relayed to it */
  instanceUrl: string;
  /** where the server keeps its files (DATA_DIR): the embedded database, the key pool, local TLS */
  dataDir: string;
}

/** Loopback names of the same port: the same machine, so the same site (only when APP_URL is unset). */
function loopbackAliases(url: URL): string[] {
  const port = url.port ? `:${url.port}` : "";
  return ["localhost", "127.0.0.1", "[::1]"].map((host) => `${url.protocol}//${host}${port}`);
}

export function deriveRuntimeConfig(env: Env): RuntimeConfig {
  const url = new URL(env.APP_URL);
  const authSecret = env.AUTH_SECRET;
  if (!authSecret) throw new Error("AUTH_SECRET is not set (server/index.ts sets it after start-up; scripts must too)");
  const acceptedOrigins = env.APP_URL_CONFIGURED ? [url.origin] : [...new Set([url.origin, ...loopbackAliases(url)])];
  return {
    appUrl: env.APP_URL,
    appOrigin: url.origin,
    acceptedOrigins,
    appUrlConfigured: env.APP_URL_CONFIGURED,
    authSecret,
    secureCookies: url.protocol === "https:" || url.hostname === "localhost" || url.hostname === "127.0.0.1",
    trustProxy: env.TRUST_PROXY,
    dataDir: env.DATA_DIR,
    instanceUrl: env.INSTANCE_URL,
    github: env.GITHUB_ID && env.GITHUB_SECRET ? { clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET } : null,
    stripe:
      env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET && env.STRIPE_PRICE_ID
        ? {
            secretKey: env.STRIPE_SECRET_KEY,
            webhookSecret: env.STRIPE_WEBHOOK_SECRET,
            priceId: env.STRIPE_PRICE_ID,
            apiBase: env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE) : null,
          }
        : null,
    signupMaxPerIpPerHour: env.SIGNUP_MAX_PER_IP_PER_HOUR,
  };
}

let cached: RuntimeConfig | undefined;

export function getRuntimeConfig(): RuntimeConfig {
  cached ??= deriveRuntimeConfig(loadEnv(process.env));
  return cached;
}

/** For tests that change the environment between cases. */
export function resetRuntimeConfig(): void {
  cached = undefined;
}
