// DELETE /api/kube-tokens/[id] – the learner revokes one of their own kubectl tokens; anyone
// else's, an unknown one or one already revoked is a 404 (it names nothing this learner may touch).
import { NextResponse } from "next/server";
import { z } from "zod";
import { jsonError, jsonMutation } from "@/lib/server/http/route";
import { revokeKubeToken } from "@/lib/server/kube-tokens/kube-tokens";
import { NO_STORE } from "../../courses/_lib/params";

const params = z.object({
  id: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[a-z0-9]+$/),
});

export const DELETE = jsonMutation({ access: "user", params, body: z.object({}).strict() }, async ({ user, params }) => {
  if (!(await revokeKubeToken(user.id, params.id))) return jsonError(404, "No such token.");
  return NextResponse.json({ ok: true }, { headers: NO_STORE });
});
