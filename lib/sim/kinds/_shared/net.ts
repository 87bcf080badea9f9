/**
 * IP and CIDR checks with apimachinery's messages (pkg/util/validation/validation.go IsValidIP,
 * IsValidCIDR; netutils.ParseIPSloppy accepts leading zeros in IPv4 octets) and the special
 * ranges of pkg/apis/core/validation ValidateNonSpecialIP.
 */
import { invalid, type FieldError } from "../../api/field";

export function parseIPv4(s: string): number[] | undefined {
  const parts = s.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.map(Number);
}

export function isIPv6(s: string): boolean {
  if (!s.includes(":") || !/^[0-9a-fA-F:.]+$/.test(s)) return false;
  const double = s.split("::");
  if (double.length > 2) return false;
  const groups = (part: string) => (part ? part.split(":") : []);
  const all = [...groups(double[0]), ...(double.length === 2 ? groups(double[1]) : [])];
  const last = all[all.length - 1] ?? "";
  const v4tail = last.includes(".") ? parseIPv4(last) : undefined;
  if (last.includes(".") && !v4tail) return false;
  const hex = v4tail ? all.slice(0, -1) : all;
  if (!hex.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = hex.length + (v4tail ? 2 : 0);
  return double.length === 2 ? count < 8 : count === 8;
}

export const isIP = (s: string): boolean => parseIPv4(s) !== undefined || isIPv6(s);

export function validateIP(value: string, field: string): FieldError[] {
  return isIP(value) ? [] : [invalid(field, value, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")];
}

export function isCIDR(value: string): boolean {
  const [ip, bits, extra] = value.split("/");
  if (extra !== undefined || bits === undefined || !/^\d+$/.test(bits)) return false;
  if (parseIPv4(ip)) return Number(bits) <= 32;
  return isIPv6(ip) && Number(bits) <= 128;
}

export function validateCIDR(value: string, field: string): FieldError[] {
  return isCIDR(value) ? [] : [invalid(field, value, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)")];
}

/** ValidateNonSpecialIP: endpoints may not point at unspecified, loopback or link-local addresses. */
export function validateNonSpecialIP(value: string, field: string): FieldError[] {
  const v4 = parseIPv4(value);
  const lower = value.toLowerCase();
  if (v4) {
    if (v4.every((o) => o === 0)) return [invalid(field, value, "may not be unspecified (0.0.0.0, ::)")];
    if (v4[0] === 127) return [invalid(field, value, "may not be in the loopback range (127.0.0.0/8, ::1/128)")];
    if (v4[0] === 169 && v4[1] === 254) return [invalid(field, value, "may not be in the link-local range (169.254.0.0/16, fe80::/10)")];
    if (v4[0] === 224 && v4[1] === 0 && v4[2] === 0)
      return [invalid(field, value, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)")];
    return [];
  }
  if (!isIPv6(value)) return [];
  if (/^(0*:)*:?0*$/.test(lower) || lower === "::") return [invalid(field, value, "may not be unspecified (0.0.0.0, ::)")];
  if (lower === "::1") return [invalid(field, value, "may not be in the loopback range (127.0.0.0/8, ::1/128)")];
  if (/^fe[89ab]/.test(lower)) return [invalid(field, value, "may not be in the link-local range (169.254.0.0/16, fe80::/10)")];
  if (lower.startsWith("ff02:")) return [invalid(field, value, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)")];
  return [];
}

/** An IP as a number (IPv4 in 32 bits, IPv6 in 128) with its width, for prefix arithmetic. */
function ipBits(ip: string): { value: bigint; width: number } | undefined {
  const v4 = parseIPv4(ip);
  if (v4) return { value: v4.reduce((acc, o) => (acc << 8n) | BigInt(o), 0n), width: 32 };
  if (!isIPv6(ip)) return undefined;
  const [head, tail = ""] = ip.split("::");
  const expand = (part: string) =>
    part
      ? part.split(":").flatMap((g) => {
          const v4tail = g.includes(".") ? parseIPv4(g) : undefined;
          return v4tail ? [(v4tail[0] << 8) | v4tail[1], (v4tail[2] << 8) | v4tail[3]] : [parseInt(g, 16)];
        })
      : [];
  const h = expand(head);
  const t = expand(tail);
  const groups = ip.includes("::") ? [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t] : h;
  return { value: groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n), width: 128 };
}

/** net.IPNet.Contains(except.IP) && except's prefix is longer: `except` is a strict subset of `cidr`. */
export function isStrictSubnet(cidr: string, except: string): boolean {
  const [a, aBits] = cidr.split("/");
  const [b, bBits] = except.split("/");
  const x = ipBits(a);
  const y = ipBits(b);
  if (!x || !y || x.width !== y.width) return false;
  const mask = (bits: number) => ((1n << BigInt(x.width)) - 1n) ^ ((1n << BigInt(x.width - bits)) - 1n);
  const m = mask(Number(aBits));
  return (x.value & m) === (y.value & m) && Number(aBits) < Number(bBits);
}
