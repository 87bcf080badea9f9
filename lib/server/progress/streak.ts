/**
 * Streaks of consecutive active days. A day is a UTC calendar day ("YYYY-MM-DD"); a learner is
 * active on a day when anything they did for their learning (a quiz answer, a task passed, a
 * lesson opened or completed, a terminal command) happened on it. Pure: the caller passes "now".
 */

import "server-only";
const DAY_MS = 86_400_000;

/** The UTC calendar day of an instant, as "YYYY-MM-DD". */
export function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function dayNumber(day: string): number {
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(ms)) throw new RangeError(`not a UTC day: ${day}`);
  return Math.round(ms / DAY_MS);
}

export interface Streak {
  /**
   * Consecutive active days ending today, or ending yesterday when nothing happened yet today
   * (the streak is still alive until today ends). 0 when neither today nor yesterday was active.
   */
  current: number;
  /** The longest run of consecutive active days ever seen in `days`. */
  longest: number;
  activeToday: boolean;
}

/** Streaks from a set of active UTC days (duplicates and any order allowed; days after `now` are ignored). */
export function computeStreak(days: Iterable<string>, now: Date): Streak {
  const today = dayNumber(utcDay(now));
  const active = new Set<number>();
  for (const d of days) {
    const n = dayNumber(d);
    if (n <= today) active.add(n);
  }
  const activeToday = active.has(today);
  let current = 0;
  for (let d = activeToday ? today : today - 1; active.has(d); d--) current++;

  let longest = 0;
  for (const d of active) {
    if (active.has(d - 1)) continue; // not the start of a run
    let len = 1;
    while (active.has(d + len)) len++;
    if (len > longest) longest = len;
  }
  return { current, longest, activeToday };
}
