-- CreateTable
CREATE TABLE "scenario_attempts" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "course_slug" TEXT NOT NULL,
    "scenario_slug" TEXT NOT NULL,
    "attempt_number" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "hints_used" INTEGER NOT NULL DEFAULT 0,
    "checks" INTEGER NOT NULL DEFAULT 0,
    "solved_at" TIMESTAMPTZ(3),
    "time_to_solve_ms" INTEGER,
    "abandoned_at" TIMESTAMPTZ(3),

    CONSTRAINT "scenario_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scenario_hint_reveals" (
    "attempt_id" TEXT NOT NULL,
    "hint_index" INTEGER NOT NULL,
    "revealed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scenario_hint_reveals_pkey" PRIMARY KEY ("attempt_id","hint_index")
);

-- CreateIndex
CREATE INDEX "scenario_attempts_course_slug_scenario_slug_started_at_idx" ON "scenario_attempts"("course_slug", "scenario_slug", "started_at");

-- CreateIndex
CREATE UNIQUE INDEX "scenario_attempts_user_id_course_slug_scenario_slug_attempt_key" ON "scenario_attempts"("user_id", "course_slug", "scenario_slug", "attempt_number");

-- AddForeignKey
ALTER TABLE "scenario_attempts" ADD CONSTRAINT "scenario_attempts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scenario_hint_reveals" ADD CONSTRAINT "scenario_hint_reveals_attempt_id_fkey" FOREIGN KEY ("attempt_id") REFERENCES "scenario_attempts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
