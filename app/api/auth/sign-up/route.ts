// POST /api/auth/sign-up – create a learner account (then the client signs in with credentials).
// Limited per client IP (issue 10, row 11). An address that already has an account gets the same
// answer as a new one, and its owner a notice, so the form never tells a stranger who is registered.
import { NextResponse } from "next/server";
import { z } from "zod";
import { checkNewPassword } from "@/lib/server/auth/password-policy";
import { isEmpty, signInIpBucket, signUpBucket, takeTokens } from "@/lib/server/auth/rate-limit";
import { getRuntimeConfig } from "@/lib/server/config";
import { clientIpOf } from "@/lib/server/http/client-ip";
import { jsonError, jsonMutation } from "@/lib/server/http/route";
import { existingAccountNotice, sendMail } from "@/lib/server/mail/mail";
import { createLearner } from "@/lib/server/users/users";

const body = z
  .object({
    name: z.string().trim().max(100).optional(),
    email: z.email("Enter a valid email address.").max(320),
    password: z.string().max(1024),
  })
  .strict();

const TOO_MANY = "Too many accounts were created from your network in the last hour. Try again later.";

export const POST = jsonMutation({ access: "public", body }, async ({ req, body }) => {
  const problem = await checkNewPassword(body.password, body.email);
  if (problem) return jsonError(400, problem, { fieldErrors: { password: [problem] } });
  const ip = clientIpOf(req.headers) ?? "unknown";
  const config = getRuntimeConfig();
  // An address blocked from signing in (password spraying) may not make accounts either.
  if (await isEmpty(signInIpBucket(ip))) return jsonError(429, TOO_MANY);
  if (!(await takeTokens([signUpBucket(ip, config.signupMaxPerIpPerHour)])).ok) return jsonError(429, TOO_MANY);
  const created = await createLearner(body);
  if (!created.ok) await sendMail(existingAccountNotice(body.email.trim().toLowerCase(), config.appUrl));
  return NextResponse.json({ ok: true }, { status: 201 });
});
