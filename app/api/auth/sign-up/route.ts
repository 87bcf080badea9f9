// POST /api/auth/sign-up – create a learner account (then the client signs in with credentials)
import { NextResponse } from "next/server";
import { z } from "zod";
import { checkNewPassword } from "@/lib/server/auth/password-policy";
import { jsonError, jsonMutation } from "@/lib/server/http/route";
import { createLearner } from "@/lib/server/users/users";

const body = z
  .object({
    name: z.string().trim().max(100).optional(),
    email: z.email("Enter a valid email address.").max(320),
    password: z.string().max(1024),
  })
  .strict();

export const POST = jsonMutation({ access: "public", body }, async ({ body }) => {
  const problem = await checkNewPassword(body.password, body.email);
  if (problem) return jsonError(400, problem, { fieldErrors: { password: [problem] } });
  const created = await createLearner(body);
  if (!created.ok) return jsonError(409, "An account with this email already exists.");
  return NextResponse.json({ ok: true }, { status: 201 });
});
