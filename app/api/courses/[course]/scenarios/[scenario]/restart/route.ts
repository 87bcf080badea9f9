// POST /api/courses/[course]/scenarios/[scenario]/restart – a fresh broken cluster and a new attempt (Pro)
import { NextResponse } from "next/server";
import { z } from "zod";
import { jsonError, jsonMutation } from "@/lib/server/http/route";
import { restartScenario } from "@/lib/server/scenarios/scenario-service";
import { NO_STORE, scenarioParams } from "../../../../_lib/params";
import { findScenario } from "../../_lib/find";

export const POST = jsonMutation({ access: "pro", params: scenarioParams, body: z.object({}).strict() }, async ({ user, params }) => {
  const scenario = await findScenario(params.course, params.scenario);
  if (!scenario) return jsonError(404, "Not found.");
  let r: Awaited<ReturnType<typeof restartScenario>>;
  try {
    r = await restartScenario(user.id, scenario);
  } catch (err) {
    console.error(`scenario restart ${scenario.slug}: cluster unavailable:`, err);
    return jsonError(503, "Your cluster is not reachable right now. Try again in a few seconds.");
  }
  if (!r.ok) return jsonError(429, r.message);
  return NextResponse.json({ startedAt: r.state.attempt.startedAt, attemptNumber: r.state.attempt.attemptNumber }, { headers: NO_STORE });
});
