/**
 * Terminal text to bytes and back without loss (issue 10, row 5). A command's output and line are
 * JavaScript strings that may hold anything: NULs (which PostgreSQL text refuses), random bytes,
 * lone surrogates (which UTF-8 cannot encode, so they would turn into U+FFFD). WTF-8 is UTF-8
 * extended to lone surrogates: identical to UTF-8 for every well-formed string, and it encodes a
 * lone surrogate as the three bytes UTF-8 would give its code point, so decode(encode(s)) === s
 * for every string. Stored in bytea columns.
 */
import "server-only";

export function encodeText(s: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(s.length * 3);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out[n++] = c;
    else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else if (c < 0x10000) {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    } else {
      out[n++] = 0xf0 | (c >> 18);
      out[n++] = 0x80 | ((c >> 12) & 0x3f);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
  }
  return out.slice(0, n);
}

/** Inverse of encodeText. Bytes that are not WTF-8 at all (never written by encodeText) decode as U+FFFD. */
export function decodeText(b: Uint8Array): string {
  const units: number[] = [];
  const parts: string[] = [];
  const flush = () => {
    parts.push(String.fromCharCode(...units));
    units.length = 0;
  };
  for (let i = 0; i < b.length;) {
    const x = b[i];
    let c: number;
    let len: number;
    if (x < 0x80) [c, len] = [x, 1];
    else if (x >= 0xc2 && x < 0xe0) [c, len] = [x & 0x1f, 2];
    else if (x >= 0xe0 && x < 0xf0) [c, len] = [x & 0x0f, 3];
    else if (x >= 0xf0 && x < 0xf5) [c, len] = [x & 0x07, 4];
    else [c, len] = [0xfffd, 1];
    if (len > 1) {
      let ok = i + len <= b.length;
      for (let k = 1; ok && k < len; k++) {
        const y = b[i + k];
        if ((y & 0xc0) !== 0x80) ok = false;
        else c = (c << 6) | (y & 0x3f);
      }
      if (!ok) [c, len] = [0xfffd, 1];
    }
    if (c >= 0x10000) units.push(0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 0x3ff));
    else units.push(c);
    i += len;
    if (units.length > 8192) flush();
  }
  flush();
  return parts.join("");
}
