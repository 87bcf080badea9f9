/**
 * Evaluating a CronJob schedule on the cluster clock, as github.com/robfig/cron/v3 SpecSchedule.Next
 * does (spec.go) in UTC, kube-controller-manager's zone on a kubeadm node: five fields or a
 * descriptor (@hourly is "0 * * * *", ...), day-of-month and day-of-week ANDed when either starts
 * with `*` or `?`, ORed otherwise; `@every <duration>` (ConstantDelaySchedule) adds the delay to
 * the time truncated to whole seconds. Parsing errors are the apiserver's business
 * (kinds/cronjobs/cron.ts): a schedule that fails here returns undefined.
 */

interface Fields {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  /** either day field started with * or ? */
  dayStar: boolean;
}
export type Schedule = { every: number } | Fields;

const DESCRIPTORS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function field(expr: string, min: number, max: number, names?: string[]): Set<number> | undefined {
  const out = new Set<number>();
  const value = (s: string) => {
    const i = names?.indexOf(s.toLowerCase()) ?? -1;
    return i >= 0 ? i + (names === MONTHS ? 1 : 0) : /^\d+$/.test(s) ? Number(s) : NaN;
  };
  for (const part of expr.split(",")) {
    const [range, stepText] = part.split("/");
    let lo: number;
    let hi: number;
    if (range === "*" || range === "?") [lo, hi] = [min, max];
    else {
      const [a, b] = range.split("-");
      lo = value(a);
      hi = b === undefined ? (stepText === undefined ? lo : max) : value(b);
    }
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || !(step >= 1) || lo < min || hi > max || lo > hi) return undefined;
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

export function parseSchedule(text: string): Schedule | undefined {
  let spec = text.trim();
  if (/^(CRON_)?TZ=/.test(spec)) spec = spec.slice(spec.indexOf(" ") + 1).trim();
  if (spec.startsWith("@every ")) {
    let ms = 0;
    const rest = spec.slice(7).replace(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g, (_, n: string, u: string) => {
      ms += Number(n) * UNITS[u];
      return "";
    });
    if (rest.length || ms <= 0) return undefined;
    return { every: Math.max(1000, ms - (ms % 1000)) };
  }
  spec = DESCRIPTORS[spec] ?? spec;
  const f = spec.split(/\s+/);
  if (f.length !== 5) return undefined;
  const minute = field(f[0], 0, 59);
  const hour = field(f[1], 0, 23);
  const dom = field(f[2], 1, 31);
  const month = field(f[3], 1, 12, MONTHS);
  const dow = field(f[4], 0, 7, DAYS);
  if (!minute || !hour || !dom || !month || !dow) return undefined;
  if (dow.has(7)) dow.add(0);
  return { minute, hour, dom, month, dow, dayStar: /^[*?]/.test(f[2]) || /^[*?]/.test(f[4]) };
}

function dayMatches(s: Fields, d: Date): boolean {
  const dom = s.dom.has(d.getUTCDate());
  const dow = s.dow.has(d.getUTCDay());
  return s.dayStar ? dom && dow : dom || dow;
}

/** The first activation strictly after `t` (epoch ms), or undefined within five years (an impossible date). */
export function nextAfter(s: Schedule, t: number): number | undefined {
  if ("every" in s) return t - (t % 1000) + s.every;
  const d = new Date(t - (t % 60_000) + 60_000);
  const limit = t + 5 * 366 * 86_400_000;
  while (d.getTime() <= limit) {
    if (!s.month.has(d.getUTCMonth() + 1)) {
      d.setUTCMonth(d.getUTCMonth() + 1, 1);
      d.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches(s, d)) {
      d.setUTCDate(d.getUTCDate() + 1);
      d.setUTCHours(0, 0, 0, 0);
    } else if (!s.hour.has(d.getUTCHours())) d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
    else if (!s.minute.has(d.getUTCMinutes())) d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
    else return d.getTime();
  }
  return undefined;
}

/**
 * utils.go mostRecentScheduleTime: from `earliest` (the last schedule time, or the creation time),
 * the latest activation at or before `now` and how many were missed, computed as the real
 * controller does (the first two activations' gap times the elapsed time), without listing them.
 */
export function mostRecent(s: Schedule, earliest: number, now: number): { time: number; missed: number } | undefined {
  const t1 = nextAfter(s, earliest);
  if (t1 === undefined || now < t1) return undefined;
  const t2 = nextAfter(s, t1);
  if (t2 === undefined || now < t2) return { time: t1, missed: 1 };
  const gap = Math.round((t2 - t1) / 1000);
  const missed = Math.floor((now - t1) / 1000 / gap) + 1;
  // the real controller multiplies the gap; a calendar schedule's gaps differ, so find the true latest
  let time = t1 + (missed - 1) * gap * 1000;
  if ("every" in s) return { time, missed };
  time = Math.min(time, now);
  for (let probe = time - 60_000; ; probe -= 366 * 86_400_000) {
    const n = nextAfter(s, probe);
    if (n !== undefined && n <= now) {
      time = n;
      break;
    }
  }
  for (let n = nextAfter(s, time); n !== undefined && n <= now; n = nextAfter(s, n)) time = n;
  return { time, missed };
}
