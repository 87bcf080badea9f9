-- AlterTable
ALTER TABLE "entitlements" ADD COLUMN     "external_customer" TEXT;

-- AlterTable
ALTER TABLE "stripe_events" ADD COLUMN     "object_ref" TEXT,
ADD COLUMN     "occurred_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "quiz_question_days" (
    "question_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "course_slug" TEXT NOT NULL,
    "lesson_slug" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "first_attempts" INTEGER NOT NULL DEFAULT 0,
    "first_correct" INTEGER NOT NULL DEFAULT 0,
    "t00" INTEGER NOT NULL DEFAULT 0,
    "t01" INTEGER NOT NULL DEFAULT 0,
    "t02" INTEGER NOT NULL DEFAULT 0,
    "t03" INTEGER NOT NULL DEFAULT 0,
    "t04" INTEGER NOT NULL DEFAULT 0,
    "t05" INTEGER NOT NULL DEFAULT 0,
    "t06" INTEGER NOT NULL DEFAULT 0,
    "t07" INTEGER NOT NULL DEFAULT 0,
    "t08" INTEGER NOT NULL DEFAULT 0,
    "t09" INTEGER NOT NULL DEFAULT 0,
    "t10" INTEGER NOT NULL DEFAULT 0,
    "t11" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "quiz_question_days_pkey" PRIMARY KEY ("question_id","day")
);

-- CreateTable
CREATE TABLE "quiz_option_days" (
    "question_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "option_id" TEXT NOT NULL,
    "course_slug" TEXT NOT NULL,
    "lesson_slug" TEXT NOT NULL,
    "first_count" INTEGER NOT NULL DEFAULT 0,
    "correct" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "quiz_option_days_pkey" PRIMARY KEY ("question_id","day","option_id")
);

-- CreateTable
CREATE TABLE "quiz_learner_lessons" (
    "user_id" TEXT NOT NULL,
    "course_slug" TEXT NOT NULL,
    "lesson_slug" TEXT NOT NULL,
    "answered" INTEGER NOT NULL DEFAULT 0,
    "first_correct" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "quiz_learner_lessons_pkey" PRIMARY KEY ("user_id","course_slug","lesson_slug")
);

-- CreateTable
CREATE TABLE "learner_days" (
    "day" DATE NOT NULL,
    "user_id" TEXT NOT NULL,

    CONSTRAINT "learner_days_pkey" PRIMARY KEY ("day","user_id")
);

-- CreateTable
CREATE TABLE "quiz_item_discrimination" (
    "question_id" TEXT NOT NULL,
    "course_slug" TEXT NOT NULL,
    "r" DOUBLE PRECISION,
    "n" INTEGER NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "quiz_item_discrimination_pkey" PRIMARY KEY ("question_id")
);

-- CreateIndex
CREATE INDEX "quiz_question_days_course_slug_lesson_slug_day_idx" ON "quiz_question_days"("course_slug", "lesson_slug", "day");

-- CreateIndex
CREATE INDEX "quiz_question_days_day_idx" ON "quiz_question_days"("day");

-- CreateIndex
CREATE INDEX "quiz_option_days_course_slug_lesson_slug_day_idx" ON "quiz_option_days"("course_slug", "lesson_slug", "day");

-- CreateIndex
CREATE INDEX "quiz_learner_lessons_course_slug_lesson_slug_answered_idx" ON "quiz_learner_lessons"("course_slug", "lesson_slug", "answered");

-- CreateIndex
CREATE INDEX "entitlements_external_customer_idx" ON "entitlements"("external_customer");

-- CreateIndex
CREATE INDEX "stripe_events_object_ref_idx" ON "stripe_events"("object_ref");


-- ---------------------------------------------------------------------------------------------
-- Hand-written below: the triggers that keep the analytics rollups current, and their backfill.
-- Statement-level triggers with transition tables: one aggregate upsert per statement, so a
-- bulk insert of 5,000 attempts costs one upsert per (question, day), not 5,000. Upserts run in
-- key order, so concurrent statements lock rows in the same order (no deadlock cycles).

CREATE FUNCTION kubeyard_quiz_attempts_rollup() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  src text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    src := 'SELECT user_id, course_slug, lesson_slug, question_id, option_id, correct, attempt_number, time_to_answer_ms, created_at, 1 AS s FROM new_rows';
  ELSIF TG_OP = 'DELETE' THEN
    src := 'SELECT user_id, course_slug, lesson_slug, question_id, option_id, correct, attempt_number, time_to_answer_ms, created_at, -1 AS s FROM old_rows';
  ELSE
    src := 'SELECT user_id, course_slug, lesson_slug, question_id, option_id, correct, attempt_number, time_to_answer_ms, created_at, 1 AS s FROM new_rows '
        || 'UNION ALL SELECT user_id, course_slug, lesson_slug, question_id, option_id, correct, attempt_number, time_to_answer_ms, created_at, -1 AS s FROM old_rows';
  END IF;

  EXECUTE format($q$
    WITH d AS (%s), x AS (SELECT d.*, CASE WHEN time_to_answer_ms IS NULL THEN NULL ELSE least(11, greatest(0, floor(ln(greatest(time_to_answer_ms, 1) / 1000.0) / ln(2))))::int END AS b FROM d)
    INSERT INTO quiz_question_days AS q (question_id, day, course_slug, lesson_slug, attempts, first_attempts, first_correct, t00, t01, t02, t03, t04, t05, t06, t07, t08, t09, t10, t11)
    SELECT question_id, created_at::date, min(course_slug), min(lesson_slug),
           sum(s),
           coalesce(sum(s) FILTER (WHERE attempt_number = 1), 0),
           coalesce(sum(s) FILTER (WHERE attempt_number = 1 AND correct), 0),
           coalesce(sum(s) FILTER (WHERE attempt_number = 1 AND b = 0), 0),
           coalesce(sum(s) FILTER (WHERE attempt_number = 1 AND b = 1), 0),
           coalesce(sum(s) FILTER (WHERE attempt_number = 1 AND b = 2), 0),
           coalesce(sum(s) FILTER (WHERE attempt_number = 1 AND b = 3), 0),
           coalesce(sum(s) FILTER (WHERE attempt_number = 1 AND b = 4), 0),
           coalesce(sum(s) FILTER (WHERE attempt_number = 1 AND b = 5), 0),
           coalesce(sum(s) FILTER (WHERE attempt_number = 1 AND b = 6), 0),
           coalesce(sum(s) FILTER (WHERE attempt_number = 1 AND b = 7), 0),
           coalesce(sum(s) FILTER (WHERE attempt_number = 1 AND b = 8), 0),
           coalesce(sum(s) FILTER (WHERE attempt_number = 1 AND b = 9), 0),
           coalesce(sum(s) FILTER (WHERE attempt_number = 1 AND b = 10), 0),
           coalesce(sum(s) FILTER (WHERE attempt_number = 1 AND b = 11), 0)
      FROM x GROUP BY question_id, created_at::date ORDER BY 1, 2
    ON CONFLICT (question_id, day) DO UPDATE SET
         attempts = q.attempts + EXCLUDED.attempts,
         first_attempts = q.first_attempts + EXCLUDED.first_attempts,
         first_correct = q.first_correct + EXCLUDED.first_correct,
         t00 = q.t00 + EXCLUDED.t00,
         t01 = q.t01 + EXCLUDED.t01,
         t02 = q.t02 + EXCLUDED.t02,
         t03 = q.t03 + EXCLUDED.t03,
         t04 = q.t04 + EXCLUDED.t04,
         t05 = q.t05 + EXCLUDED.t05,
         t06 = q.t06 + EXCLUDED.t06,
         t07 = q.t07 + EXCLUDED.t07,
         t08 = q.t08 + EXCLUDED.t08,
         t09 = q.t09 + EXCLUDED.t09,
         t10 = q.t10 + EXCLUDED.t10,
         t11 = q.t11 + EXCLUDED.t11
  $q$, src);

  EXECUTE format($q$
    WITH d AS (%s)
    INSERT INTO quiz_option_days AS o (question_id, day, option_id, course_slug, lesson_slug, first_count, correct)
    SELECT question_id, created_at::date, option_id, min(course_slug), min(lesson_slug), sum(s), bool_or(correct)
      FROM d WHERE attempt_number = 1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (question_id, day, option_id) DO UPDATE SET
         first_count = o.first_count + EXCLUDED.first_count,
         correct = o.correct OR EXCLUDED.correct
  $q$, src);

  EXECUTE format($q$
    WITH d AS (%s)
    INSERT INTO quiz_learner_lessons AS l (user_id, course_slug, lesson_slug, answered, first_correct)
    SELECT user_id, course_slug, lesson_slug, sum(s), coalesce(sum(s) FILTER (WHERE correct), 0)
      FROM d WHERE attempt_number = 1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (user_id, course_slug, lesson_slug) DO UPDATE SET
         answered = l.answered + EXCLUDED.answered,
         first_correct = l.first_correct + EXCLUDED.first_correct
  $q$, src);

  IF TG_OP <> 'DELETE' THEN
    INSERT INTO learner_days (day, user_id)
    SELECT DISTINCT created_at::date, user_id FROM new_rows ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER quiz_attempts_rollup_ins AFTER INSERT ON quiz_attempts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kubeyard_quiz_attempts_rollup();
CREATE TRIGGER quiz_attempts_rollup_del AFTER DELETE ON quiz_attempts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kubeyard_quiz_attempts_rollup();
CREATE TRIGGER quiz_attempts_rollup_upd AFTER UPDATE ON quiz_attempts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kubeyard_quiz_attempts_rollup();

-- Active days from lesson views and completions, and from passed tasks.
CREATE FUNCTION kubeyard_lesson_progress_days() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO learner_days (day, user_id)
  SELECT DISTINCT day, user_id FROM (
    SELECT opened_at::date AS day, user_id FROM new_rows
    UNION ALL SELECT last_viewed_at::date, user_id FROM new_rows
    UNION ALL SELECT completed_at::date, user_id FROM new_rows WHERE completed_at IS NOT NULL
  ) x ORDER BY 1, 2
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER lesson_progress_days_ins AFTER INSERT ON lesson_progress
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kubeyard_lesson_progress_days();
CREATE TRIGGER lesson_progress_days_upd AFTER UPDATE ON lesson_progress
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kubeyard_lesson_progress_days();

CREATE FUNCTION kubeyard_task_completion_days() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO learner_days (day, user_id)
  SELECT DISTINCT passed_at::date, user_id FROM new_rows ORDER BY 1, 2
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER task_completions_days_ins AFTER INSERT ON task_completions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kubeyard_task_completion_days();

-- Backfill from the rows that exist already.
INSERT INTO quiz_question_days (question_id, day, course_slug, lesson_slug, attempts, first_attempts, first_correct, t00, t01, t02, t03, t04, t05, t06, t07, t08, t09, t10, t11)
SELECT question_id, created_at::date, min(course_slug), min(lesson_slug), count(*),
       count(*) FILTER (WHERE attempt_number = 1),
       count(*) FILTER (WHERE attempt_number = 1 AND correct),
       count(*) FILTER (WHERE attempt_number = 1 AND b = 0),
       count(*) FILTER (WHERE attempt_number = 1 AND b = 1),
       count(*) FILTER (WHERE attempt_number = 1 AND b = 2),
       count(*) FILTER (WHERE attempt_number = 1 AND b = 3),
       count(*) FILTER (WHERE attempt_number = 1 AND b = 4),
       count(*) FILTER (WHERE attempt_number = 1 AND b = 5),
       count(*) FILTER (WHERE attempt_number = 1 AND b = 6),
       count(*) FILTER (WHERE attempt_number = 1 AND b = 7),
       count(*) FILTER (WHERE attempt_number = 1 AND b = 8),
       count(*) FILTER (WHERE attempt_number = 1 AND b = 9),
       count(*) FILTER (WHERE attempt_number = 1 AND b = 10),
       count(*) FILTER (WHERE attempt_number = 1 AND b = 11)
  FROM (SELECT a.*, CASE WHEN a.time_to_answer_ms IS NULL THEN NULL ELSE least(11, greatest(0, floor(ln(greatest(a.time_to_answer_ms, 1) / 1000.0) / ln(2))))::int END AS b FROM quiz_attempts a) x
 GROUP BY question_id, created_at::date;
INSERT INTO quiz_option_days (question_id, day, option_id, course_slug, lesson_slug, first_count, correct)
SELECT question_id, created_at::date, option_id, min(course_slug), min(lesson_slug), count(*), bool_or(correct)
  FROM quiz_attempts WHERE attempt_number = 1 GROUP BY 1, 2, 3;
INSERT INTO quiz_learner_lessons (user_id, course_slug, lesson_slug, answered, first_correct)
SELECT user_id, course_slug, lesson_slug, count(*), count(*) FILTER (WHERE correct)
  FROM quiz_attempts WHERE attempt_number = 1 GROUP BY 1, 2, 3;
INSERT INTO learner_days (day, user_id)
SELECT DISTINCT day, user_id FROM (
  SELECT created_at::date AS day, user_id FROM quiz_attempts
  UNION ALL SELECT opened_at::date, user_id FROM lesson_progress
  UNION ALL SELECT last_viewed_at::date, user_id FROM lesson_progress
  UNION ALL SELECT completed_at::date, user_id FROM lesson_progress WHERE completed_at IS NOT NULL
  UNION ALL SELECT passed_at::date, user_id FROM task_completions
) x;
