/**
 * The validity window kube-controller-manager's CSR signer gives a certificate. Ported from
 * kubernetes/kubernetes pkg/controller/certificates/signer/signer.go (`duration`: the requested
 * spec.expirationSeconds, at least 10 minutes, at most --cluster-signing-duration) and
 * pkg/controller/certificates/authority/policies.go (PermissiveSigningPolicy.apply with
 * Backdate 5m and Short 8h, as signer.go's `sign` configures it):
 *   NotBefore = now - 5m;
 *   NotAfter  = now + TTL        when TTL < 8h (short-lived: not backdated),
 *               now + TTL - 5m   otherwise;
 *   NotAfter is cut to the signer's own NotAfter, and a signer that has expired refuses to sign.
 */

const MINUTE = 60_000;

/** signer.go `sign`: Backdate: 5 * time.Minute */
export const SIGNER_BACKDATE_MS = 5 * MINUTE;
/** signer.go `sign`: Short: 8 * time.Hour */
export const SIGNER_SHORT_MS = 8 * 60 * MINUTE;
/** signer.go `duration`: const min = 10 * time.Minute */
export const SIGNER_MIN_TTL_MS = 10 * MINUTE;
/** kube-controller-manager --cluster-signing-duration default: 8760h0m0s (one year) */
export const DEFAULT_CLUSTER_SIGNING_DURATION_MS = 8760 * 60 * MINUTE;

export type SignerValidity = { ok: true; notBefore: number; notAfter: number; ttlMs: number } | { ok: false; error: string };

export interface SignerValidityOptions {
  /** the CA certificate's NotAfter, epoch ms; omitted: no cap */
  signerNotAfter?: number;
  /** --cluster-signing-duration, ms */
  maxTtlMs?: number;
}

/** Go's `%v` of a time.Time in UTC: `2036-11-13 09:08:12 +0000 UTC`. */
function goTime(ms: number): string {
  const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC`;
}

/**
 * The certificate lifetime for a CSR signed at `now` (epoch ms) with `expirationSeconds`
 * (spec.expirationSeconds; undefined when the request does not set it).
 */
export function signerValidity(now: number, expirationSeconds: number | undefined, opts: SignerValidityOptions = {}): SignerValidity {
  const maxTtl = opts.maxTtlMs ?? DEFAULT_CLUSTER_SIGNING_DURATION_MS;
  let ttl: number;
  if (expirationSeconds === undefined) ttl = maxTtl;
  else {
    const requested = expirationSeconds * 1000;
    ttl = requested > maxTtl ? maxTtl : requested < SIGNER_MIN_TTL_MS ? SIGNER_MIN_TTL_MS : requested;
  }
  const notBefore = now - SIGNER_BACKDATE_MS;
  let notAfter = ttl < SIGNER_SHORT_MS ? now + ttl : now + ttl - SIGNER_BACKDATE_MS;
  const cap = opts.signerNotAfter;
  if (cap !== undefined) {
    if (!(notAfter < cap)) notAfter = cap;
    if (!(notBefore < cap)) return { ok: false, error: `the signer has expired: NotAfter=${goTime(cap)}` };
    if (!(now < cap)) return { ok: false, error: `refusing to sign a certificate that expired in the past: NotAfter=${goTime(cap)}` };
  }
  return { ok: true, notBefore, notAfter, ttlMs: ttl };
}
