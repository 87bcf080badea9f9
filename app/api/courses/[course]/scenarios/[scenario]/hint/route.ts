// POST /api/courses/[course]/scenarios/[scenario]/hint – reveal the next hint of the learner's current attempt (Pro)
import { NextResponse } from "next/server";
import { z } from "zod";
import { jsonError, jsonMutation } from "@/lib/server/http/route";
import { revealHint } from "@/lib/server/scenarios/scenario-service";
import { NO_STORE, scenarioParams } from "../../../../_lib/params";
import { findScenario } from "../../_lib/find";

export const POST = jsonMutation({ access: "pro", params: scenarioParams, body: z.object({}).strict() }, async ({ user, params }) => {
  const scenario = await findScenario(params.course, params.scenario);
  if (!scenario) return jsonError(404, "Not found.");
  const state = await revealHint(user.id, scenario);
  if (!state) return jsonError(409, "Every hint is already shown.");
  return NextResponse.json({ hints: state.hints, hintsTotal: state.hintsTotal }, { headers: NO_STORE });
});
