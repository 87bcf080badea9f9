/**
 * The content check outside vitest: validates every course and lesson under content/ (or the
 * directory given as the first argument), replays each lesson's commands in a fresh simulated
 * cluster and runs its tasks. Prints one block per lesson; exits 1 on any problem.
 *
 *   npx tsx scripts/check-content.ts [content-dir]
 */
import path from "node:path";
import { validateContent } from "../lib/course/catalog";
import { replayLesson } from "../lib/course/replay";
import { replayScenario } from "../lib/course/scenario-replay";

async function main(): Promise<number> {
  const dir = path.resolve(process.argv[2] ?? path.join(process.cwd(), "content"));
  const report = await validateContent(dir);
  let failures = report.problems.length;

  if (report.problems.length) {
    console.log(`Content problems (${report.problems.length}):`);
    for (const p of report.problems) console.log(`  ✗ ${p}`);
    console.log("");
  }

  for (const course of report.courses) {
    console.log(`${course.meta.slug}: ${course.meta.title} (${course.lessons.length} lessons)`);
    for (const lesson of course.lessons) {
      if (lesson.kind === "scenario") {
        const r = await replayScenario(lesson);
        const ok = r.problems.length === 0;
        const failing = r.afterSetup.filter((t) => !t.result.passed).length;
        const passing = r.afterSolution.filter((t) => t.result.passed).length;
        console.log(
          `  ${ok ? "✓" : "✗"} ${String(lesson.order).padStart(2, "0")}-${lesson.slug} (scenario): ${r.commands} commands replayed (setup and solution), ` +
            `${failing}/${r.afterSetup.length} tasks fail after the setup, ${passing}/${r.afterSolution.length} pass after the solution`,
        );
        for (const p of r.problems) console.log(`      ✗ ${p.replace(/\n/g, "\n        ")}`);
        failures += r.problems.length;
        continue;
      }
      const commands = lesson.steps.filter((s) => s.kind === "command").length;
      const r = await replayLesson(lesson);
      const ok = r.problems.length === 0;
      console.log(
        `  ${ok ? "✓" : "✗"} ${String(lesson.order).padStart(2, "0")}-${lesson.slug}: ${lesson.quizzes.length} quizzes, ${commands} commands replayed, ` +
          `${r.tasks.filter((t) => t.result.passed).length}/${r.tasks.length} tasks pass`,
      );
      for (const t of r.tasks) console.log(`      ${t.result.passed ? "✓" : "✗"} ${t.id}: ${t.result.detail}`);
      for (const p of r.problems) console.log(`      ✗ ${p.replace(/\n/g, "\n        ")}`);
      failures += r.problems.length;
    }
  }

  if (!report.courses.length && !report.problems.length) {
    console.log(`No courses found under ${dir}.`);
    failures++;
  }
  console.log(failures ? `\nFAILED: ${failures} problem(s).` : "\nAll content checks passed.");
  return failures ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
