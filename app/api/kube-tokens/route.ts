// POST /api/kube-tokens – a Pro learner creates a bearer token and kubeconfig for their own kubectl
// against their cluster of one course (issue 16). The token is in this answer only; the database
// keeps its sha256 (lib/server/kube-tokens).
import { NextResponse } from "next/server";
import { z } from "zod";
import { getCourse } from "@/lib/course/catalog";
import { buildKubeconfig, kubeconfigName } from "@/lib/kubeconfig/kubeconfig";
import { kubectlSnippet } from "@/lib/kubeconfig/snippet";
import { takeTokens } from "@/lib/server/auth/rate-limit";
import { getRuntimeConfig } from "@/lib/server/config";
import { kubeApiEndpoint } from "@/lib/server/http/local-tls";
import { jsonError, jsonMutation } from "@/lib/server/http/route";
import { KubeTokenLimitError, findClusterId, issueKubeToken, kubeTokenIssueBucket } from "@/lib/server/kube-tokens/kube-tokens";
import { findSessionManager } from "@/lib/server/terminal/runtime";
import { NO_STORE } from "../courses/_lib/params";

const body = z
  .object({
    course: z
      .string()
      .min(1)
      .max(80)
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  })
  .strict();

export const POST = jsonMutation({ access: "pro", body }, async ({ body, user }) => {
  const course = await getCourse(body.course);
  if (!course) return jsonError(404, "No such course.", { fieldErrors: { course: ["No such course."] } });
  const manager = findSessionManager();
  if (!manager) return jsonError(503, "The practice clusters are not running on this server. Try again in a few seconds.");
  const allowed = await takeTokens([kubeTokenIssueBucket(user.id)]);
  if (!allowed.ok) {
    const seconds = Math.ceil(allowed.retryAfterMs / 1000);
    return NextResponse.json(
      { error: `You have created many kubeconfigs in a short time. Try again in ${seconds} s.` },
      { status: 429, headers: { ...NO_STORE, "Retry-After": String(seconds) } },
    );
  }
  // An existing cluster needs no loading (another instance may run it); a first one is created here.
  let clusterId = await findClusterId(user.id, course.slug);
  try {
    clusterId ??= (await manager.open(user.id, course.slug)).sessionId;
  } catch (err) {
    console.error(`kube token for ${course.slug}: cluster unavailable:`, err);
    return jsonError(503, "Your cluster is not reachable right now. Try again in a few seconds.");
  }
  let issued;
  try {
    issued = await issueKubeToken({ userId: user.id, sessionId: clusterId });
  } catch (err) {
    if (err instanceof KubeTokenLimitError) return jsonError(409, err.message);
    throw err;
  }
  const config = getRuntimeConfig();
  const endpoint = kubeApiEndpoint(config.appUrl, config.dataDir);
  const server = `${endpoint.origin}/k8s/${clusterId}`;
  const settings = { name: kubeconfigName(course.slug), server, token: issued.token, caPem: endpoint.caPem };
  const kubeconfig = buildKubeconfig(settings);
  const snippet = kubectlSnippet(settings);
  return NextResponse.json(
    {
      id: issued.id,
      token: issued.token,
      expiresAt: issued.expiresAt.toISOString(),
      clusterId,
      server,
      kubeconfig,
      snippet,
      localCertificate: endpoint.caPem !== undefined,
    },
    { status: 201, headers: NO_STORE },
  );
});
