// POST /api/admin/lab/timeline – one learner's commands and checks in one lab unit, for an admin
// who asked for them (a button, never a page load or a prefetch). Audited: lab-timeline.ts.
import { NextResponse } from "next/server";
import { z } from "zod";
import { parseUnitRef, parseUserId } from "@/lib/server/analytics/lab-params";
import { labTimeline } from "@/lib/server/analytics/lab-timeline";
import { jsonError, jsonMutation } from "@/lib/server/http/route";

const body = z
  .object({ course: z.string().max(64), kind: z.string().max(16), unit: z.string().max(100), userId: z.string().max(64) })
  .strict();

export const POST = jsonMutation({ access: "admin", body }, async ({ body, user }) => {
  const ref = parseUnitRef({ course: body.course, kind: body.kind, unit: body.unit });
  const learnerId = parseUserId(body.userId);
  if (!ref || !learnerId) return jsonError(404, "Not found.");
  const timeline = await labTimeline(user.id, learnerId, ref);
  if (!timeline) return jsonError(404, "Not found.");
  return NextResponse.json(
    {
      entries: timeline.entries.map((e) => ({ ...e, at: e.at.toISOString() })),
      truncated: timeline.truncated,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
});
