-- Scenario checks in lab analytics (issue 14 item 5). A check judges one cluster: a course's
-- lesson cluster (key = the course slug) or a scenario's own (key = `<course>--<scenario>`,
-- lib/server/scenarios/cluster-key.ts). lab_commands.course_slug has always held that key, so a
-- check's window is now "the learner's commands in the check's cluster since their previous check
-- of that cluster": a scenario's commands go to the scenario, never to a lesson task of the course,
-- and commands in one scenario's cluster never to another scenario.

-- DropIndex
DROP INDEX "lab_check_runs_user_id_course_slug_at_idx";

-- AlterTable (existing rows are lesson task checks: their cluster is the course's)
ALTER TABLE "lab_check_runs" ADD COLUMN     "cluster_key" TEXT;
UPDATE "lab_check_runs" SET "cluster_key" = "course_slug";
ALTER TABLE "lab_check_runs" ALTER COLUMN "cluster_key" SET NOT NULL;

-- CreateIndex
CREATE INDEX "lab_check_runs_user_id_cluster_key_at_idx" ON "lab_check_runs"("user_id", "cluster_key", "at");

-- The rollup trigger of migration lab_analytics, with windows per cluster instead of per course.
-- Also: an attempt that began with a hint (recordHintReveal) starts at its first command when
-- that came earlier, so time to pass counts from the learner's first command either way.
CREATE OR REPLACE FUNCTION kubeyard_lab_check_run() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  prev_at timestamptz;
  first_cmd timestamptz;
  was_passed timestamptz;
  is_new boolean;
  secs double precision;
  bucket int;
BEGIN
  SELECT max(c.at) INTO prev_at FROM lab_check_runs c
   WHERE c.user_id = NEW.user_id AND c.cluster_key = NEW.cluster_key AND (c.at, c.id) < (NEW.at, NEW.id);

  SELECT min(m.at) INTO first_cmd FROM lab_commands m
   WHERE m.user_id = NEW.user_id AND m.course_slug = NEW.cluster_key
     AND m.at > coalesce(prev_at, '-infinity') AND m.at <= NEW.at;

  INSERT INTO lab_unit_commands AS u (course_slug, unit_kind, unit_id, normalized, ran, failed, before_pass)
  SELECT NEW.course_slug, NEW.unit_kind, NEW.unit_id, m.normalized, count(*), count(*) FILTER (WHERE m.exit_code <> 0), 0
    FROM lab_commands m
   WHERE m.user_id = NEW.user_id AND m.course_slug = NEW.cluster_key
     AND m.at > coalesce(prev_at, '-infinity') AND m.at <= NEW.at
   GROUP BY m.normalized
  ON CONFLICT (course_slug, unit_kind, unit_id, normalized)
  DO UPDATE SET ran = u.ran + EXCLUDED.ran, failed = u.failed + EXCLUDED.failed;

  SELECT l.passed_at INTO was_passed FROM lab_learner_units l
   WHERE l.course_slug = NEW.course_slug AND l.unit_kind = NEW.unit_kind AND l.unit_id = NEW.unit_id AND l.user_id = NEW.user_id
     FOR UPDATE;
  is_new := NOT FOUND;

  INSERT INTO lab_learner_units AS l (course_slug, unit_kind, unit_id, user_id, lesson_slug, started_at, last_check_at, checks, passed_at)
  VALUES (NEW.course_slug, NEW.unit_kind, NEW.unit_id, NEW.user_id, NEW.lesson_slug, least(coalesce(first_cmd, NEW.at), NEW.at), NEW.at, 1,
          CASE WHEN NEW.passed THEN NEW.at END)
  ON CONFLICT (course_slug, unit_kind, unit_id, user_id)
  DO UPDATE SET checks = l.checks + 1,
                started_at = least(l.started_at, EXCLUDED.started_at),
                last_check_at = greatest(l.last_check_at, NEW.at),
                passed_at = coalesce(l.passed_at, EXCLUDED.passed_at);

  INSERT INTO lab_unit_stats (course_slug, unit_kind, unit_id, lesson_slug)
  VALUES (NEW.course_slug, NEW.unit_kind, NEW.unit_id, NEW.lesson_slug)
  ON CONFLICT DO NOTHING;
  UPDATE lab_unit_stats SET checks = checks + 1, learners = learners + CASE WHEN is_new THEN 1 ELSE 0 END
   WHERE course_slug = NEW.course_slug AND unit_kind = NEW.unit_kind AND unit_id = NEW.unit_id;

  IF NEW.passed AND was_passed IS NULL THEN
    SELECT extract(epoch FROM NEW.at - l.started_at) INTO secs FROM lab_learner_units l
     WHERE l.course_slug = NEW.course_slug AND l.unit_kind = NEW.unit_kind AND l.unit_id = NEW.unit_id AND l.user_id = NEW.user_id;
    bucket := least(17, greatest(0, floor(log(2, greatest(secs, 1)::numeric))::int));
    UPDATE lab_unit_stats SET passed = passed + 1, pass_seconds[bucket + 1] = pass_seconds[bucket + 1] + 1
     WHERE course_slug = NEW.course_slug AND unit_kind = NEW.unit_kind AND unit_id = NEW.unit_id;

    WITH mine AS (
      SELECT c.at, c.unit_kind, c.unit_id, lag(c.at) OVER (ORDER BY c.at, c.id) AS prev_at
        FROM lab_check_runs c
       WHERE c.user_id = NEW.user_id AND c.cluster_key = NEW.cluster_key AND (c.at, c.id) <= (NEW.at, NEW.id)
    )
    INSERT INTO lab_unit_commands AS u (course_slug, unit_kind, unit_id, normalized, ran, failed, before_pass)
    SELECT NEW.course_slug, NEW.unit_kind, NEW.unit_id, m.normalized, 0, 0, count(*)
      FROM mine k
      JOIN lab_commands m ON m.user_id = NEW.user_id AND m.course_slug = NEW.cluster_key
                         AND m.at > coalesce(k.prev_at, '-infinity') AND m.at <= k.at
     WHERE k.unit_kind = NEW.unit_kind AND k.unit_id = NEW.unit_id
     GROUP BY m.normalized
    ON CONFLICT (course_slug, unit_kind, unit_id, normalized)
    DO UPDATE SET before_pass = u.before_pass + EXCLUDED.before_pass;
  END IF;
  RETURN NULL;
END
$fn$;

