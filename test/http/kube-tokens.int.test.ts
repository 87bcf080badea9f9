/**
 * /api/kube-tokens over real HTTP against the production server (issue 16): who may create a
 * kubectl token (signed in, Pro, same origin, a real course), what the answer holds (a token
 * that verifies to the learner's own cluster, a kubeconfig naming this site's /k8s/<cluster>),
 * that only the owner can revoke, and that issuing is capped per cluster and rate-limited.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { verifyKubeToken } from "@/lib/server/kube-tokens/kube-tokens";
import { HttpClient } from "../http-client";
import { signUpLearner, withTestServer, type Learner } from "../harness";

const h = withTestServer();
let pro: Learner;
let other: Learner;

interface Issued {
  id: string;
  token: string;
  expiresAt: string;
  clusterId: string;
  server: string;
  kubeconfig: string;
}

const create = (l: Learner, course: string) => l.client.postJson("/api/kube-tokens", { course });
const revoke = (l: Learner, id: string) => l.client.request(`/api/kube-tokens/${id}`, { method: "DELETE", json: {} });

beforeAll(async () => {
  // verifyKubeToken below reads the server's database, as the gateway does.
  process.env.DATABASE_URL = h.db.url;
  pro = await signUpLearner(h, "kubetoken-pro", { pro: true });
  other = await signUpLearner(h, "kubetoken-other", { pro: true });
});

describe("POST /api/kube-tokens", () => {
  it("refuses visitors, free learners, other origins, unknown courses and extra fields, creating nothing", async () => {
    expect((await new HttpClient(h.url).postJson("/api/kube-tokens", { course: "kubernetes-pki" })).status).toBe(401);
    const free = await signUpLearner(h, "kubetoken-free");
    const refused = await create(free, "kubernetes-pki");
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toMatch(/Pro/);
    expect((await pro.client.postJson("/api/kube-tokens", { course: "kubernetes-pki" }, { origin: "https://evil.example" })).status).toBe(
      403,
    );
    expect((await create(pro, "no-such-course")).status).toBe(404);
    expect((await pro.client.postJson("/api/kube-tokens", { course: "kubernetes-pki", userId: other.id })).status).toBe(400);
    expect((await pro.client.postJson("/api/kube-tokens", { course: "../etc" })).status).toBe(400);
    expect(await h.db.prisma.kubeToken.count()).toBe(0);
  });

  it("creates a token for the learner's own cluster of the course and a kubeconfig for this site", async () => {
    const res = await create(pro, "kubernetes-pki");
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const issued = (await res.json()) as Issued;
    const cluster = await h.db.prisma.terminalSession.findUniqueOrThrow({
      where: { userId_courseSlug: { userId: pro.id, courseSlug: "kubernetes-pki" } },
    });
    expect(issued.clusterId).toBe(cluster.id);
    // a plain-http site: the same host and port over TLS (kubectl sends a token only over TLS), with its certificate as the CA
    expect(issued.server).toBe(`${h.url.replace(/^http:/, "https:")}/k8s/${cluster.id}`);
    const config = parse(issued.kubeconfig) as {
      clusters: { name: string; cluster: Record<string, string> }[];
      users: { name: string; user: Record<string, string> }[];
      "current-context": string;
    };
    expect(config.clusters).toEqual([
      { name: "kubeyard-kubernetes-pki", cluster: { server: issued.server, "certificate-authority-data": expect.any(String) as string } },
    ]);
    expect(Buffer.from(config.clusters[0].cluster["certificate-authority-data"], "base64").toString()).toMatch(
      /^-----BEGIN CERTIFICATE-----\n/,
    );
    expect(config.users).toEqual([{ name: "kubeyard-kubernetes-pki", user: { token: issued.token } }]);
    expect(config["current-context"]).toBe("kubeyard-kubernetes-pki");
    expect(await verifyKubeToken(issued.token)).toEqual({
      tokenId: issued.id,
      userId: pro.id,
      clusterId: cluster.id,
      courseSlug: "kubernetes-pki",
      isPro: true,
    });
    // the same cluster again: a second token, no second cluster
    const again = (await (await create(pro, "kubernetes-pki")).json()) as Issued;
    expect(again.clusterId).toBe(cluster.id);
    expect(again.token).not.toBe(issued.token);
  });
});

describe("DELETE /api/kube-tokens/[id]", () => {
  it("revokes the owner's token and is a 404 for anyone else, for a repeat and for a bad id", async () => {
    const issued = (await (await create(other, "kubernetes-rbac")).json()) as Issued;
    expect((await revoke(pro, issued.id)).status).toBe(404);
    expect((await new HttpClient(h.url).request(`/api/kube-tokens/${issued.id}`, { method: "DELETE", json: {} })).status).toBe(401);
    expect(await verifyKubeToken(issued.token)).toMatchObject({ userId: other.id });

    expect((await revoke(other, issued.id)).status).toBe(200);
    expect(await verifyKubeToken(issued.token)).toBeNull();
    expect((await revoke(other, issued.id)).status).toBe(404);
    expect((await revoke(other, "not a cuid")).status).toBe(404);
    expect(await h.db.prisma.auditLog.count({ where: { targetUserId: other.id, action: { startsWith: "kube_token." } } })).toBe(2);
  });
});

describe("limits", () => {
  it("refuses a sixth live token per cluster (409) and more than 10 requests at once per learner (429)", async () => {
    const l = await signUpLearner(h, "kubetoken-limits", { pro: true });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await create(l, "kubernetes-workloads")).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 409]);
    for (let i = 0; i < 4; i++) statuses.push((await create(l, "troubleshooting")).status);
    expect(statuses.slice(6)).toEqual([201, 201, 201, 201]);
    const limited = await create(l, "troubleshooting");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await h.db.prisma.kubeToken.count({ where: { userId: l.id } })).toBe(9);
  });
});
