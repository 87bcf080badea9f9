/**
 * The admin overview: head counts and a daily series. "Active" means the learner did something
 * that leaves a row: answered a quiz, opened, viewed or completed a lesson, passed a task, or (for
 * the 24 h / 7 day totals) used the terminal. Days are calendar days in the database's time zone.
 */
import "server-only";
import type { PrismaClient } from "@/lib/server/db/client";
import { getPrisma } from "@/lib/server/db/client";

type Db = Pick<PrismaClient, "$queryRaw">;

export interface OverviewTotals {
  learners: number;
  activeDay: number;
  activeWeek: number;
  proLearners: number;
  lessonsCompleted: number;
  terminalSessions: number;
}

export interface DayPoint {
  /** YYYY-MM-DD */
  day: string;
  activeLearners: number;
  quizAnswers: number;
  lessonsCompleted: number;
  signUps: number;
}

const n = (v: unknown) => (typeof v === "bigint" ? Number(v) : Number(v ?? 0));

export async function overviewTotals(db: Db = getPrisma(), now = new Date()): Promise<OverviewTotals> {
  // learner_days is trigger-maintained (one row per learner per active day); terminal use is
  // read from terminal_sessions.last_active_at (indexed) since commands leave no per-day row.
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  const [row] = await db.$queryRaw<Record<keyof OverviewTotals, bigint>[]>`
    WITH act AS (
      SELECT user_id, day FROM learner_days WHERE day >= ${weekAgo}::date AND day <= ${now}::date
      UNION ALL
      SELECT user_id, last_active_at::date FROM terminal_sessions WHERE last_active_at >= ${weekAgo} AND last_active_at <= ${now}
    ), learner_act AS (
      SELECT a.user_id, a.day FROM act a JOIN users u ON u.id = a.user_id WHERE u.role = 'LEARNER'
    )
    SELECT
      (SELECT count(*) FROM users WHERE role = 'LEARNER' AND disabled_at IS NULL) AS "learners",
      (SELECT count(DISTINCT user_id) FROM learner_act WHERE day >= ${dayAgo}::date) AS "activeDay",
      (SELECT count(DISTINCT user_id) FROM learner_act) AS "activeWeek",
      (SELECT count(DISTINCT e.user_id) FROM entitlements e JOIN users u ON u.id = e.user_id
        WHERE u.role = 'LEARNER' AND e.revoked_at IS NULL AND e.starts_at <= ${now}
          AND (e.ends_at IS NULL OR e.ends_at > ${now})) AS "proLearners",
      (SELECT count(*) FROM lesson_progress WHERE status = 'COMPLETED') AS "lessonsCompleted",
      (SELECT count(*) FROM terminal_sessions) AS "terminalSessions"`;
  return {
    learners: n(row.learners),
    activeDay: n(row.activeDay),
    activeWeek: n(row.activeWeek),
    proLearners: n(row.proLearners),
    lessonsCompleted: n(row.lessonsCompleted),
    terminalSessions: n(row.terminalSessions),
  };
}

/** One point per day for the last `days` days (today included), zero-filled. */
export async function dailySeries(db: Db = getPrisma(), days = 30, now = new Date()): Promise<DayPoint[]> {
  const since = new Date(now.getTime() - days * 86_400_000);
  // Each source is aggregated once per day from a rollup or an indexed range, then joined to the calendar.
  const rows = await db.$queryRaw<
    { day: string; active: bigint | null; answers: bigint | null; completed: bigint | null; signups: bigint | null }[]
  >`
    WITH days AS (
      SELECT d::date AS day FROM generate_series((${now}::timestamptz - make_interval(days => ${days - 1}))::date, ${now}::timestamptz::date, interval '1 day') d
    ), act AS (
      SELECT ld.day, count(*) AS active FROM learner_days ld JOIN users u ON u.id = ld.user_id AND u.role = 'LEARNER'
       WHERE ld.day >= ${since}::date GROUP BY ld.day
    ), qa AS (
      SELECT day, sum(attempts) AS answers FROM quiz_question_days WHERE day >= ${since}::date GROUP BY day
    ), lc AS (
      SELECT completed_at::date AS day, count(*) AS completed FROM lesson_progress WHERE completed_at >= ${since} GROUP BY 1
    ), su AS (
      SELECT created_at::date AS day, count(*) AS signups FROM users WHERE role = 'LEARNER' AND created_at >= ${since} GROUP BY 1
    )
    SELECT to_char(days.day, 'YYYY-MM-DD') AS day, act.active, qa.answers, lc.completed, su.signups
      FROM days
      LEFT JOIN act USING (day) LEFT JOIN qa USING (day) LEFT JOIN lc USING (day) LEFT JOIN su USING (day)
     ORDER BY days.day`;
  return rows.map((r) => ({
    day: r.day,
    activeLearners: n(r.active),
    quizAnswers: n(r.answers),
    lessonsCompleted: n(r.completed),
    signUps: n(r.signups),
  }));
}
