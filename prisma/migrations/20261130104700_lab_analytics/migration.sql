-- CreateEnum
CREATE TYPE "lab_unit_kind" AS ENUM ('TASK', 'SCENARIO');

-- CreateTable
CREATE TABLE "lab_commands" (
    "id" BIGSERIAL NOT NULL,
    "user_id" TEXT NOT NULL,
    "course_slug" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "exit_code" INTEGER NOT NULL,
    "line" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,

    CONSTRAINT "lab_commands_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lab_check_runs" (
    "id" BIGSERIAL NOT NULL,
    "user_id" TEXT NOT NULL,
    "course_slug" TEXT NOT NULL,
    "lesson_slug" TEXT NOT NULL,
    "unit_kind" "lab_unit_kind" NOT NULL,
    "unit_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "lab_check_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lab_learner_units" (
    "course_slug" TEXT NOT NULL,
    "unit_kind" "lab_unit_kind" NOT NULL,
    "unit_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "lesson_slug" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "last_check_at" TIMESTAMPTZ(3),
    "checks" INTEGER NOT NULL DEFAULT 0,
    "passed_at" TIMESTAMPTZ(3),
    "hints_used" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "lab_learner_units_pkey" PRIMARY KEY ("course_slug","unit_kind","unit_id","user_id")
);

-- CreateTable
CREATE TABLE "lab_unit_stats" (
    "course_slug" TEXT NOT NULL,
    "unit_kind" "lab_unit_kind" NOT NULL,
    "unit_id" TEXT NOT NULL,
    "lesson_slug" TEXT NOT NULL,
    "learners" INTEGER NOT NULL DEFAULT 0,
    "passed" INTEGER NOT NULL DEFAULT 0,
    "checks" INTEGER NOT NULL DEFAULT 0,
    "hints_used" INTEGER NOT NULL DEFAULT 0,
    "pass_seconds" INTEGER[] DEFAULT ARRAY[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]::INTEGER[],

    CONSTRAINT "lab_unit_stats_pkey" PRIMARY KEY ("course_slug","unit_kind","unit_id")
);

-- CreateTable
CREATE TABLE "lab_unit_commands" (
    "course_slug" TEXT NOT NULL,
    "unit_kind" "lab_unit_kind" NOT NULL,
    "unit_id" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,
    "ran" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "before_pass" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "lab_unit_commands_pkey" PRIMARY KEY ("course_slug","unit_kind","unit_id","normalized")
);

-- CreateIndex
CREATE INDEX "lab_commands_user_id_course_slug_at_idx" ON "lab_commands"("user_id", "course_slug", "at");

-- CreateIndex
CREATE INDEX "lab_commands_at_idx" ON "lab_commands"("at");

-- CreateIndex
CREATE INDEX "lab_check_runs_user_id_course_slug_at_idx" ON "lab_check_runs"("user_id", "course_slug", "at");

-- CreateIndex
CREATE INDEX "lab_check_runs_at_idx" ON "lab_check_runs"("at");

-- CreateIndex
CREATE INDEX "lab_learner_units_course_slug_unit_kind_unit_id_started_at_idx" ON "lab_learner_units"("course_slug", "unit_kind", "unit_id", "started_at");

-- CreateIndex
CREATE INDEX "lab_learner_units_user_id_idx" ON "lab_learner_units"("user_id");

-- AddForeignKey
ALTER TABLE "lab_commands" ADD CONSTRAINT "lab_commands_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lab_check_runs" ADD CONSTRAINT "lab_check_runs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lab_learner_units" ADD CONSTRAINT "lab_learner_units_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Lab analytics rollups (docs/decisions.md, "Lab analytics"). A check run "claims" the learner's
-- commands in that course since their previous check run (any unit): those commands are what the
-- learner ran for this unit. On the learner's first pass of a unit, the commands claimed by all
-- their checks of it so far are counted as "before pass". Row-level: checks arrive one at a time.
-- Only inserts are rolled up: the retention job's deletes leave the aggregates as they were.
CREATE FUNCTION kubeyard_lab_check_run() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  prev_at timestamptz;
  first_cmd timestamptz;
  was_passed timestamptz;
  is_new boolean;
  secs double precision;
  bucket int;
BEGIN
  SELECT max(c.at) INTO prev_at FROM lab_check_runs c
   WHERE c.user_id = NEW.user_id AND c.course_slug = NEW.course_slug AND (c.at, c.id) < (NEW.at, NEW.id);

  SELECT min(m.at) INTO first_cmd FROM lab_commands m
   WHERE m.user_id = NEW.user_id AND m.course_slug = NEW.course_slug
     AND m.at > coalesce(prev_at, '-infinity') AND m.at <= NEW.at;

  INSERT INTO lab_unit_commands AS u (course_slug, unit_kind, unit_id, normalized, ran, failed, before_pass)
  SELECT NEW.course_slug, NEW.unit_kind, NEW.unit_id, m.normalized, count(*), count(*) FILTER (WHERE m.exit_code <> 0), 0
    FROM lab_commands m
   WHERE m.user_id = NEW.user_id AND m.course_slug = NEW.course_slug
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
       WHERE c.user_id = NEW.user_id AND c.course_slug = NEW.course_slug AND (c.at, c.id) <= (NEW.at, NEW.id)
    )
    INSERT INTO lab_unit_commands AS u (course_slug, unit_kind, unit_id, normalized, ran, failed, before_pass)
    SELECT NEW.course_slug, NEW.unit_kind, NEW.unit_id, m.normalized, 0, 0, count(*)
      FROM mine k
      JOIN lab_commands m ON m.user_id = NEW.user_id AND m.course_slug = NEW.course_slug
                         AND m.at > coalesce(k.prev_at, '-infinity') AND m.at <= k.at
     WHERE k.unit_kind = NEW.unit_kind AND k.unit_id = NEW.unit_id
     GROUP BY m.normalized
    ON CONFLICT (course_slug, unit_kind, unit_id, normalized)
    DO UPDATE SET before_pass = u.before_pass + EXCLUDED.before_pass;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER lab_check_runs_rollup AFTER INSERT ON lab_check_runs
  FOR EACH ROW EXECUTE FUNCTION kubeyard_lab_check_run();
