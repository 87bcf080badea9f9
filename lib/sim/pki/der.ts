/**
 * A minimal DER encoder/decoder. Certificates are assembled byte by byte (instead of through a
 * generic X.509 library) so that the encoding matches what Go's crypto/x509 (kubeadm, the
 * controller-manager signer) and OpenSSL write: string types, extension order, bit strings.
 */

export interface Tlv {
  tag: number;
  /** start of the whole TLV in the source buffer */
  start: number;
  /** start of the value */
  vstart: number;
  end: number;
  buf: Uint8Array;
}

export const value = (t: Tlv): Uint8Array => t.buf.subarray(t.vstart, t.end);
export const whole = (t: Tlv): Uint8Array => t.buf.subarray(t.start, t.end);

/** Reads one TLV at `pos`; throws on malformed input (callers catch and report "unable to load"). */
export function readTlv(buf: Uint8Array, pos = 0): Tlv {
  if (pos + 2 > buf.length) throw new Error("der: truncated");
  const tag = buf[pos];
  let len = buf[pos + 1];
  let p = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || p + n > buf.length) throw new Error("der: bad length");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p + i];
    p += n;
  }
  if (p + len > buf.length) throw new Error("der: truncated value");
  return { tag, start: pos, vstart: p, end: p + len, buf };
}

/** The children of a constructed TLV. */
export function children(t: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let p = t.vstart;
  while (p < t.end) {
    const c = readTlv(t.buf, p);
    out.push(c);
    p = c.end;
  }
  return out;
}

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const b: number[] = [];
  while (n > 0) {
    b.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return [0x80 | b.length, ...b];
}

export function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const head = lengthBytes(len);
  const out = new Uint8Array(1 + head.length + len);
  out[0] = tag;
  out.set(head, 1);
  let o = 1 + head.length;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export const seq = (...parts: Uint8Array[]) => tlv(0x30, ...parts);
export const set = (...parts: Uint8Array[]) => tlv(0x31, ...parts);
export const octets = (b: Uint8Array) => tlv(0x04, b);
export const NULL = new Uint8Array([0x05, 0x00]);
export const bool = (v: boolean) => new Uint8Array([0x01, 0x01, v ? 0xff : 0x00]);
export const explicit = (n: number, ...parts: Uint8Array[]) => tlv(0xa0 + n, ...parts);

/** BIT STRING with `unused` trailing bits in the last byte. */
export const bitString = (b: Uint8Array, unused = 0) => tlv(0x03, new Uint8Array([unused]), b);

/** A non-negative INTEGER from big-endian magnitude bytes (adds the 0x00 sign byte when needed). */
export function uint(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const b = bytes.subarray(i);
  return b[0] & 0x80 ? tlv(0x02, new Uint8Array([0]), b) : tlv(0x02, b);
}

export function smallInt(n: number): Uint8Array {
  const b: number[] = [];
  do {
    b.unshift(n & 0xff);
    n = Math.floor(n / 256);
  } while (n > 0);
  return uint(new Uint8Array(b));
}

export function oid(dotted: string): Uint8Array {
  const parts = dotted.split(".").map(Number);
  const out: number[] = [parts[0] * 40 + parts[1]];
  for (const n of parts.slice(2)) {
    const b: number[] = [n & 0x7f];
    let v = Math.floor(n / 128);
    while (v > 0) {
      b.unshift((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(...b);
  }
  return tlv(0x06, new Uint8Array(out));
}

export function decodeOid(v: Uint8Array): string {
  const out: number[] = [Math.floor(v[0] / 40), v[0] % 40];
  let n = 0;
  for (let i = 1; i < v.length; i++) {
    n = n * 128 + (v[i] & 0x7f);
    if (!(v[i] & 0x80)) {
      out.push(n);
      n = 0;
    }
  }
  return out.join(".");
}

const enc = new TextEncoder();
const dec = new TextDecoder();
export const utf8 = (s: string) => enc.encode(s);
export const text = (b: Uint8Array) => dec.decode(b);

/** UTCTime before 2050, GeneralizedTime after (RFC 5280 4.1.2.5), whole seconds. */
export function time(ms: number): Uint8Array {
  const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString();
  const digits = iso.slice(0, 19).replace(/[-T:]/g, "");
  const year = Number(iso.slice(0, 4));
  return year < 2050 ? tlv(0x17, utf8(digits.slice(2) + "Z")) : tlv(0x18, utf8(digits + "Z"));
}

export function decodeTime(t: Tlv): number {
  const s = text(value(t));
  let y: number;
  let rest: string;
  if (t.tag === 0x17) {
    const yy = Number(s.slice(0, 2));
    y = yy >= 50 ? 1900 + yy : 2000 + yy;
    rest = s.slice(2);
  } else {
    y = Number(s.slice(0, 4));
    rest = s.slice(4);
  }
  const n = (i: number) => Number(rest.slice(i, i + 2));
  return Date.UTC(y, n(0) - 1, n(2), n(4), n(6), n(8));
}

export const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");
export const concat = (...parts: Uint8Array[]) => Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
