/**
 * The schedule check of CronJob validation: github.com/robfig/cron/v3 ParseStandard (parser.go
 * at v3.0.1: five fields or a descriptor), returning its error text, which the apiserver puts
 * verbatim into `spec.schedule: Invalid value: "...": <error>`.
 */
interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

const DESCRIPTORS = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

/** strconv.Atoi with Go's error text. */
function atoi(s: string): number | string {
  if (!/^[+-]?\d+$/.test(s)) return `strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`;
  const n = Number(s);
  if (!Number.isSafeInteger(n) || Math.abs(n) > 9223372036854775807)
    return `strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`;
  return n;
}

function mustParseInt(expr: string): number | { error: string } {
  const n = atoi(expr);
  if (typeof n === "string") return { error: `failed to parse int from ${expr}: ${n}` };
  if (n < 0) return { error: `negative number (${n}) not allowed: ${expr}` };
  return n;
}

function parseIntOrName(expr: string, names?: Record<string, number>): number | { error: string } {
  const named = names?.[expr.toLowerCase()];
  return named !== undefined ? named : mustParseInt(expr);
}

/** getRange */
function rangeError(expr: string, r: Bounds): string | undefined {
  const rangeAndStep = expr.split("/");
  const lowAndHigh = rangeAndStep[0].split("-");
  let start: number;
  let end: number;
  if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") [start, end] = [r.min, r.max];
  else {
    const s = parseIntOrName(lowAndHigh[0], r.names);
    if (typeof s !== "number") return s.error;
    start = s;
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) {
      const e = parseIntOrName(lowAndHigh[1], r.names);
      if (typeof e !== "number") return e.error;
      end = e;
    } else return `too many hyphens: ${expr}`;
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const st = mustParseInt(rangeAndStep[1]);
    if (typeof st !== "number") return st.error;
    step = st;
    if (lowAndHigh.length === 1) end = r.max;
  } else if (rangeAndStep.length > 2) return `too many slashes: ${expr}`;
  if (start < r.min) return `beginning of range (${start}) below minimum (${r.min}): ${expr}`;
  if (end > r.max) return `end of range (${end}) above maximum (${r.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0) return `step of range should be a positive number: ${expr}`;
  return undefined;
}

/** ParseStandard: the error text, or undefined when the schedule parses. */
export function cronScheduleError(spec: string): string | undefined {
  if (!spec.length) return "empty spec string";
  let rest = spec;
  if (rest.startsWith("TZ=") || rest.startsWith("CRON_TZ=")) rest = rest.slice(rest.indexOf(" ") + 1).trim();
  if (rest.startsWith("@")) {
    if (DESCRIPTORS.includes(rest)) return undefined;
    if (rest.startsWith("@every "))
      return /^@every (\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(rest)
        ? undefined
        : `failed to parse duration ${rest}: time: invalid duration ${JSON.stringify(rest.slice(7))}`;
    return `unrecognized descriptor: ${rest}`;
  }
  const fields = rest.split(/\s+/).filter((f) => f.length);
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(" ")}]`;
  const bounds = [MINUTES, HOURS, DOM, MONTHS, DOW];
  for (let i = 0; i < 5; i++) {
    for (const expr of fields[i].split(",").filter((e) => e.length)) {
      const err = rangeError(expr, bounds[i]);
      if (err) return err;
    }
  }
  return undefined;
}
