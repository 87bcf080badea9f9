// POST /api/courses/[course]/scenarios/[scenario]/check – run every task of a scenario on the learner's scenario cluster (Pro)
import { NextResponse } from "next/server";
import { z } from "zod";
import { jsonError, jsonMutation } from "@/lib/server/http/route";
import { checkScenario, type ScenarioCheck } from "@/lib/server/scenarios/scenario-service";
import { NO_STORE, scenarioParams } from "../../../../_lib/params";
import { findScenario } from "../../_lib/find";

export const POST = jsonMutation({ access: "pro", params: scenarioParams, body: z.object({}).strict() }, async ({ user, params }) => {
  const scenario = await findScenario(params.course, params.scenario);
  if (!scenario) return jsonError(404, "Not found.");
  let r: ScenarioCheck;
  try {
    r = await checkScenario(user.id, scenario);
  } catch (err) {
    console.error(`scenario check ${scenario.slug}: cluster unavailable:`, err);
    return jsonError(503, "Your cluster is not reachable right now. Try again in a few seconds.");
  }
  return NextResponse.json(
    {
      passed: r.passed,
      tasks: r.tasks,
      attempt: { solvedAt: r.attempt.solvedAt, timeToSolveMs: r.attempt.timeToSolveMs, hintsUsed: r.attempt.hintsUsed },
      lesson: { state: r.lessonState },
    },
    { headers: NO_STORE },
  );
});
