/**
 * resource.Quantity (staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go, amount.go,
 * suffix.go at v0.32.4): parsing, exact comparison and the canonical string the apiserver
 * serialises ("1000" -> "1k", "0.5" -> "500m", "1536Mi" -> "1536Mi", "1.5Gi" -> "1536Mi").
 * The value is kept exactly as mantissa * 10^scale with BigInt, rounded up to nano as Go does.
 */
import { goQuote } from "../../api/field";

export type QuantityFormat = "DecimalSI" | "BinarySI" | "DecimalExponent";

export interface Quantity {
  /** value = mant * 10^scale */
  mant: bigint;
  scale: number;
  format: QuantityFormat;
}

export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

const DEC_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DEC_BY_EXP = new Map(Object.entries(DEC_SUFFIX).map(([k, v]) => [v, k]));
const BIN_BY_EXP = new Map([[0, ""], ...Object.entries(BIN_SUFFIX).map(([k, v]) => [v, k] as [number, string])]);

/** parseQuantityString: sign, digits, optional fraction, then a suffix of [eEinumkKMGTP]* and an optional signed integer. */
function split(str: string): { positive: boolean; num: string; denom: string; suffix: string } | undefined {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(str);
  if (!m) return undefined;
  if (!m[2] && m[3] === undefined && m[4]) return undefined;
  return { positive: m[1] !== "-", num: m[2].replace(/^0+/, "") || "0", denom: m[3] ?? "", suffix: m[4] };
}

export function parseQuantity(input: string | number): Quantity | { error: string } {
  const str = typeof input === "number" ? String(input) : input;
  if (!str.length) return { error: QUANTITY_FORMAT_ERROR };
  if (str === "0") return { mant: 0n, scale: 0, format: "DecimalSI" };
  const parts = split(str);
  if (!parts) return { error: QUANTITY_FORMAT_ERROR };
  let base: 2 | 10;
  let exponent: number;
  let format: QuantityFormat;
  if (parts.suffix in DEC_SUFFIX) [base, exponent, format] = [10, DEC_SUFFIX[parts.suffix], "DecimalSI"];
  else if (parts.suffix in BIN_SUFFIX) [base, exponent, format] = [2, BIN_SUFFIX[parts.suffix], "BinarySI"];
  else if (/^[eE][-+]?[0-9]+$/.test(parts.suffix)) [base, exponent, format] = [10, Number(parts.suffix.slice(1)), "DecimalExponent"];
  else return { error: QUANTITY_SUFFIX_ERROR };
  let mant = BigInt(parts.num + parts.denom);
  let scale = -parts.denom.length;
  if (base === 10) scale += exponent;
  else mant *= 2n ** BigInt(exponent);
  if (!parts.positive) mant = -mant;
  // Round non-zero values up (away from zero) to nano: whoever asks for some resource gets some.
  if (scale < -9) {
    const div = 10n ** BigInt(-9 - scale);
    const q = mant / div;
    mant = mant % div === 0n ? q : q + (mant > 0n ? 1n : -1n);
    scale = -9;
  }
  const q: Quantity = normalize({ mant, scale, format });
  if (format === "BinarySI" && cmp(q, fromInt(1)) < 0 && cmp(q, fromInt(0)) > 0) q.format = "DecimalSI";
  return q;
}

/** Strips factors of ten from the mantissa into the scale (the value is unchanged). */
function normalize(q: Quantity): Quantity {
  let { mant, scale } = q;
  if (mant === 0n) return { mant: 0n, scale: 0, format: q.format };
  while (mant % 10n === 0n) {
    mant /= 10n;
    scale++;
  }
  return { mant, scale, format: q.format };
}

export function fromInt(n: number | bigint, format: QuantityFormat = "DecimalSI"): Quantity {
  return normalize({ mant: BigInt(n), scale: 0, format });
}

function aligned(a: Quantity, b: Quantity): [bigint, bigint] {
  const s = Math.min(a.scale, b.scale);
  return [a.mant * 10n ** BigInt(a.scale - s), b.mant * 10n ** BigInt(b.scale - s)];
}

export function cmp(a: Quantity, b: Quantity): -1 | 0 | 1 {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function add(a: Quantity, b: Quantity): Quantity {
  const s = Math.min(a.scale, b.scale);
  const [x, y] = aligned(a, b);
  return normalize({ mant: x + y, scale: s, format: a.format });
}

/** ScaledValue(scale): the value in units of 10^scale, rounded up (ceil), as Value()/MilliValue() do. */
export function scaledValue(q: Quantity, scale: number): bigint {
  const shift = q.scale - scale;
  if (shift >= 0) return q.mant * 10n ** BigInt(shift);
  const div = 10n ** BigInt(-shift);
  const r = q.mant / div;
  return q.mant % div !== 0n && q.mant > 0n ? r + 1n : r;
}

export const value = (q: Quantity): bigint => scaledValue(q, 0);
export const milliValue = (q: Quantity): bigint => scaledValue(q, -3);

/** RoundUp(scale): SetDefaults_ResourceList rounds container resources up to milli (scale -3). */
export function roundUp(q: Quantity, scale: number): Quantity {
  if (q.scale >= scale) return q;
  return normalize({ mant: scaledValue(q, scale), scale, format: q.format });
}

/** Quantity.String(): CanonicalizeBytes. */
export function quantityString(q: Quantity): string {
  if (q.mant === 0n) return "0";
  let format = q.format;
  if (format === "BinarySI") {
    if (cmp(q, fromInt(-1024)) > 0 && cmp(q, fromInt(1024)) < 0) format = "DecimalSI";
    else if (q.scale < 0) format = "DecimalSI"; // not an integer: keep precision
  }
  if (format === "BinarySI") {
    let amount = q.mant * 10n ** BigInt(q.scale);
    let exp = 0;
    while (amount % 1024n === 0n && amount !== 0n) {
      amount /= 1024n;
      exp += 10;
    }
    return amount.toString() + (BIN_BY_EXP.get(exp) ?? "");
  }
  let { mant, scale } = normalize(q);
  while (((scale % 3) + 3) % 3 !== 0) {
    mant *= 10n;
    scale--;
  }
  if (format === "DecimalExponent") return mant.toString() + (scale === 0 ? "" : `e${scale}`);
  return mant.toString() + (DEC_BY_EXP.get(scale) ?? "");
}

/** The canonical form of a JSON quantity; unparseable input is returned unchanged (decoding would have rejected it). */
export function canonicalQuantity(input: string | number, milliRound = false): string | number {
  const q = parseQuantity(input);
  if ("error" in q) return input;
  return quantityString(milliRound ? roundUp(q, -3) : q);
}

/** The Quantity of a JSON value, or zero when absent or invalid (as a zero Quantity{} in Go). */
export function quantityOf(input: string | number | undefined): Quantity {
  if (input === undefined) return fromInt(0);
  const q = parseQuantity(input);
  return "error" in q ? fromInt(0) : q;
}

/**
 * %#v of a resource.Quantity as validation errors print it (a Quantity value is not a
 * fmt.Stringer, its String() has a pointer receiver). ParseQuantity's int64 fast path fixes
 * i.value and i.scale (not normalised: "1500m" is {1500, -3}, "2Gi" is {2147483648, 0});
 * defaulting rounds the scale up to milli; `s` holds the canonical string, which String()
 * caches before the error is built. Values off the fast path (e.g. "0.5Gi") carry an inf.Dec
 * pointer in Go; they are printed here from their exact value instead.
 */
export function goQuantity(input: string | number): { go: string } {
  const str = String(input).trim();
  const q = parseQuantity(str);
  if ("error" in q) return { go: goQuote(str) };
  let value = q.mant;
  let scale = q.scale;
  const parts = split(str);
  if (str !== "0" && parts) {
    const binary = parts.suffix in BIN_SUFFIX;
    const exponent = binary ? 0 : parts.suffix in DEC_SUFFIX ? DEC_SUFFIX[parts.suffix] : Number(parts.suffix.slice(1) || 0);
    if (!(binary && parts.denom)) {
      value = BigInt(parts.num + parts.denom) * (binary ? 2n ** BigInt(BIN_SUFFIX[parts.suffix]) : 1n) * (parts.positive ? 1n : -1n);
      scale = exponent - parts.denom.length;
    }
  }
  if (scale < -3) {
    value = scaledValue({ mant: value, scale, format: q.format }, -3);
    scale = -3;
  }
  if (str === "0") [value, scale] = [0n, 0];
  return {
    go: `resource.Quantity{i:resource.int64Amount{value:${value}, scale:${scale}}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:${goQuote(quantityString(q))}, Format:"${q.format}"}`,
  };
}
