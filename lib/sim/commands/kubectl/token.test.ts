/**
 * `kubectl create token`: the request path's TokenRequest (api/token-request.ts) mints the token
 * as kube-apiserver does; these checks hold it to what a real one is: an RS256 JWT that verifies
 * with the cluster's sa.key public half, naming the ServiceAccount, for an hour by default. (The
 * conformance corpus compares the whole exchange with real kubectl against sim:api.)
 */
import { createPublicKey, createVerify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { KEYS, makeCluster } from "./__tests__/cluster";

const part = (s: string) => JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as Record<string, unknown>;

describe("kubectl create token", () => {
  it("mints a JWT signed with sa.key for an existing ServiceAccount", async () => {
    const c = await makeCluster();
    c.write("/etc/kubernetes/pki/sa.key", KEYS[3].privateKeyPem);
    const r = await c.exec("kubectl create token default --duration=2h");
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    const token = r.stdout.trim();
    const [h, p, sig] = token.split(".");
    expect(part(h)).toMatchObject({ alg: "RS256" });
    const claims = part(p);
    expect(claims.sub).toBe("system:serviceaccount:default:default");
    expect(claims.exp).toBe(Number(claims.iat) + 7200);
    expect(claims.aud).toEqual(["https://kubernetes.default.svc.cluster.local"]);
    const ok = createVerify("RSA-SHA256").update(`${h}.${p}`).verify(createPublicKey(KEYS[3].privateKeyPem), Buffer.from(sig, "base64url"));
    expect(ok).toBe(true);
  });

  it("fails as kubectl does for a missing ServiceAccount or a bad duration", async () => {
    const c = await makeCluster();
    c.write("/etc/kubernetes/pki/sa.key", KEYS[3].privateKeyPem);
    expect(await c.exec("kubectl create token nosuch")).toEqual({
      stdout: "",
      stderr: 'error: failed to create token: serviceaccounts "nosuch" not found\n',
      exitCode: 1,
    });
    // the texts of real kubectl v1.32.3 (client-side checks) and of the apiserver's TokenRequest validation
    expect((await c.exec("kubectl create token default --duration=-1h")).stderr).toBe(
      "error: --duration must be greater than or equal to 0\n",
    );
    expect((await c.exec("kubectl create token default --duration=1.5s")).stderr).toBe(
      "error: --duration cannot be expressed in units less than seconds\n",
    );
    expect((await c.exec("kubectl create token default --duration=xx")).stderr).toBe(
      'error: invalid argument "xx" for "--duration" flag: time: invalid duration "xx"\nSee \'kubectl create token --help\' for usage.\n',
    );
    expect((await c.exec("kubectl create token default --duration=5m")).stderr).toContain(
      "may not specify a duration less than 10 minutes",
    );
  });
});
