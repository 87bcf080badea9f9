/**
 * Environment, validated once at start-up (server/index.ts, scripts). A bad or missing variable
 * stops the process with one line naming it, never a stack trace. Every variable is documented
 * in .env.example.
 */
import { z } from "zod";

const bool = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) => v === "true" || v === "1" || v === "yes");

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    /** The public origin learners use; Origin checks and next-auth callbacks compare against it. */
    APP_URL: z.url({ protocol: /^https?$/ }).optional(),
    /**
     * Where the other app instances reach this one (issue 15): a tab that lands on an instance
     * without the learner's cluster is relayed here. Default http://127.0.0.1:$PORT (one machine).
     */
    INSTANCE_URL: z.url({ protocol: /^https?$/ }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL")
      .optional(),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 32`)").optional(),
    DATA_DIR: z.string().min(1).default(".data"),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
    ADMIN_EMAIL: z.email().optional(),
    ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
    GITHUB_ID: z.string().min(1).optional(),
    GITHUB_SECRET: z.string().min(1).optional(),
    /** Take the client IP from the last X-Forwarded-For hop (only behind a proxy you control). */
    TRUST_PROXY: bool.default(false),
    /** Terminal WebSockets one client IP may hold at once (raise it behind a NAT or for load tests). */
    TERMINAL_MAX_PER_IP: z.coerce.number().int().min(1).max(100_000).default(10),
    /** How long a dead instance's hold on a learner's cluster lasts before another instance may take it over. */
    TERMINAL_LEASE_TTL_MS: z.coerce.number().int().min(3000).max(300_000).default(30_000),
    /** How often an open terminal re-checks its learner's session and Pro (an ended Pro closes it within this). */
    TERMINAL_RECHECK_MS: z.coerce.number().int().min(200).max(600_000).default(30_000),
    /** PostgreSQL connections per app process. */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /** Accounts one client IP may create per hour (raise it for a classroom behind one NAT). */
    SIGNUP_MAX_PER_IP_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(20),
    /** Worker threads that run the learners' simulated clusters (default: one per core, at least 2). */
    SIM_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
    /**
     * RSA-2048 key pairs kept ready for new clusters (a kubeadm cluster takes ~20; one costs ~0.3 s of
     * CPU in a key worker). 0: no background generation, and new clusters use ECDSA-P256 keys.
     */
    KEY_POOL_TARGET: z.coerce.number().int().min(0).max(10_000).default(100),
    /** Payments (all three or none): without them Pro is free during early access. */
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/, "must be a Stripe secret key (sk_test_… or sk_live_…)")
      .optional(),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_[A-Za-z0-9+/=_]+$/, "must be a Stripe webhook signing secret (whsec_…)")
      .optional(),
    STRIPE_PRICE_ID: z
      .string()
      .regex(/^price_[A-Za-z0-9_]+$/, "must be a Stripe price id (price_…)")
      .optional(),
    /** Another Stripe API endpoint (stripe-mock, tests), e.g. http://127.0.0.1:12111. */
    STRIPE_API_BASE: z.url({ protocol: /^https?$/ }).optional(),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.GITHUB_ID) !== Boolean(env.GITHUB_SECRET)) {
      ctx.addIssue({
        code: "custom",
        path: [env.GITHUB_ID ? "GITHUB_SECRET" : "GITHUB_ID"],
        message: "GitHub sign-in needs both GITHUB_ID and GITHUB_SECRET",
      });
    }
    const stripe = [env.STRIPE_SECRET_KEY, env.STRIPE_WEBHOOK_SECRET, env.STRIPE_PRICE_ID];
    if (stripe.some(Boolean) && !stripe.every(Boolean)) {
      const missing = (["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_PRICE_ID"] as const).filter((k) => !env[k]);
      ctx.addIssue({
        code: "custom",
        path: [missing[0]],
        message: `payments need STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET and STRIPE_PRICE_ID together (missing: ${missing.join(", ")})`,
      });
    }
    if (env.DATABASE_URL && !env.AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_SECRET"],
        message: "is required when DATABASE_URL is set (generate one with `openssl rand -base64 32`)",
      });
    }
  });

export type Env = z.infer<typeof schema> & {
  APP_URL: string;
  /** APP_URL was set explicitly (else it is http://localhost:$PORT and the loopback aliases are accepted too). */
  APP_URL_CONFIGURED: boolean;
  INSTANCE_URL: string;
};

/** This process's own address for other instances: HOST when it names one interface, else loopback. */
function defaultInstanceUrl(host: string, port: number): string {
  const any = host === "0.0.0.0" || host === "::" || host === "localhost";
  const name = any ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

export class EnvError extends Error {}

/** One variable parsed exactly as loadEnv parses it, without the cross-variable checks (for modules that need only it). */
export function parseEnvVariable<K extends keyof typeof schema.shape>(
  name: K,
  source: Record<string, string | undefined> = process.env,
): z.infer<(typeof schema.shape)[K]> {
  const raw = source[name];
  const parsed = schema.shape[name].safeParse(raw === "" ? undefined : raw);
  if (!parsed.success) throw new EnvError(`Invalid environment: ${name}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data as z.infer<(typeof schema.shape)[K]>;
}

/** Parses `source` (process.env by default). Empty strings count as unset. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`);
    throw new EnvError(`Invalid environment: ${lines.join("; ")}`);
  }
  const env = parsed.data;
  return {
    ...env,
    APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    APP_URL_CONFIGURED: env.APP_URL !== undefined,
    INSTANCE_URL: (env.INSTANCE_URL ?? defaultInstanceUrl(env.HOST, env.PORT)).replace(/\/$/, ""),
  };
}
