/**
 * sfc32: a small, fast PRNG whose whole state is four 32-bit integers, so it lives inside the
 * serialised ClusterState and a restored cluster draws the same numbers the original would have.
 */
export type RngState = [number, number, number, number];

/** Seeds the generator from any 32-bit-ish number (the injected random source picks it once, at creation). */
export function seedRng(seed: number): RngState {
  const s: RngState = [0x9e3779b9, 0x243f6a88, 0xb7e15162, seed >>> 0];
  for (let i = 0; i < 15; i++) nextRandom(s);
  return s;
}

/** Returns a float in [0, 1) and advances `s` in place. */
export function nextRandom(s: RngState): number {
  let [a, b, c, d] = s;
  a >>>= 0;
  b >>>= 0;
  c >>>= 0;
  d >>>= 0;
  const t = (((a + b) >>> 0) + d) >>> 0;
  d = (d + 1) >>> 0;
  a = b ^ (b >>> 9);
  b = (c + (c << 3)) >>> 0;
  c = (c << 21) | (c >>> 11);
  c = (c + t) >>> 0;
  s[0] = a >>> 0;
  s[1] = b;
  s[2] = c;
  s[3] = d;
  return t / 4294967296;
}

/** `n` characters drawn from `alphabet`. Kubernetes name suffixes use "bcdfghjklmnpqrstvwxz2456789". */
export function randomString(s: RngState, n: number, alphabet = "bcdfghjklmnpqrstvwxz2456789"): string {
  let out = "";
  for (let i = 0; i < n; i++) out += alphabet[Math.floor(nextRandom(s) * alphabet.length)];
  return out;
}

/** RFC 4122 v4-shaped UUID from the PRNG (for metadata.uid). */
export function randomUuid(s: RngState): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(nextRandom(s) * 16).toString(16));
  hex[12] = "4";
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
