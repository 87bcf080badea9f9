/**
 * How many bytes a request body may have, by path (issue 10, deliverable 2). The custom server
 * refuses a larger declared body with 413 before reading a byte of it, and a body that does not
 * declare its length with 411 (browsers and Stripe always declare it); route handlers read
 * through readBodyLimited, which stops at the same limit. Either way no request makes the server
 * hold more than its limit in memory.
 */
import "server-only";

export const KIB = 1024;

export const BODY_LIMITS = {
  /** JSON route handlers and next-auth's form posts: a sign-up is well under 2 KiB */
  api: 16 * KIB,
  /** Stripe's signed events (a checkout session with line items is a few KiB; room to spare) */
  stripeWebhook: 1024 * KIB,
  /** the learner's own kubectl (issue 16): an applied manifest; the apiserver's own limit is 3 MiB */
  kubeApi: 1024 * KIB,
  /** anything else (pages take no bodies; Next's server actions are not used) */
  other: 64 * KIB,
} as const;

export function bodyLimitFor(path: string): number {
  if (path === "/api/billing/webhook") return BODY_LIMITS.stripeWebhook;
  if (path === "/api" || path.startsWith("/api/")) return BODY_LIMITS.api;
  if (path.startsWith("/k8s/") || path.startsWith("/internal/kube-relay/")) return BODY_LIMITS.kubeApi;
  return BODY_LIMITS.other;
}

export type BodyRead = { ok: true; text: string } | { ok: false; status: 400 | 413; error: string };

export const TOO_LARGE = (limit: number) => `Request body too large: at most ${Math.round(limit / KIB)} KiB.`;

/**
 * Reads a request body as UTF-8 text, never more than `limit` bytes: a declared length over the
 * limit is refused before reading, and reading stops (the stream is cancelled) at the first
 * chunk that goes past it. Malformed UTF-8 is a 400.
 */
export async function readBodyLimited(req: Request, limit: number): Promise<BodyRead> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) return { ok: false, status: 413, error: TOO_LARGE(limit) };
  if (!req.body) return { ok: true, text: "" };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, status: 413, error: TOO_LARGE(limit) };
    }
    chunks.push(value);
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    return { ok: false, status: 400, error: "The request body is not valid UTF-8." };
  }
}
