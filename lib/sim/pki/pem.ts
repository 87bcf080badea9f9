/** PEM framing (RFC 7468) as Go's encoding/pem and OpenSSL write it: 64-column base64 lines. */

export interface PemBlock {
  type: string;
  der: Uint8Array;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

export function pemDecodeAll(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const body = m[2].replace(/\s+/g, "");
    // headers (Proc-Type ...) are not used by anything we read
    if (!/^[A-Za-z0-9+/=]*$/.test(body)) continue;
    out.push({ type: m[1], der: new Uint8Array(Buffer.from(body, "base64")) });
  }
  return out;
}

/** First block of `type` (any type when omitted). */
export function pemDecode(text: string, type?: string): PemBlock | undefined {
  return pemDecodeAll(text).find((b) => type === undefined || b.type === type);
}

export function pemEncode(type: string, der: Uint8Array): string {
  const b64 = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString("base64");
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.join("\n")}\n-----END ${type}-----\n`;
}
