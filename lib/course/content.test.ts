/**
 * The content check: every lesson under content/ is valid, and replaying its commands in a fresh
 * simulated cluster works and makes all of its tasks pass. Plus the course engine's own tests:
 * each check fails where it must, the validator rejects malformed content, the catalogue API.
 */
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import path from "node:path";
import { run } from "@mdx-js/mdx";
import { beforeAll, describe, expect, it } from "vitest";
import {
  clearCatalogCache,
  createCatalog,
  getLesson,
  getQuiz,
  getTask,
  headingId,
  listCourses,
  validateContent,
  type ContentReport,
} from "./catalog";
import { CHECK_NAMES, checkPropsSchemas, runCheck, validateCheckProps } from "./checks";
import { parseLesson } from "./lesson-parser";
import { DAY_MS, freshCluster, judgeCommand, replayLesson } from "./replay";
import { replayScenario } from "./scenario-replay";
import type { CheckName, Lesson } from "./types";
import type { Simulator } from "../sim/simulator";

const CONTENT = path.join(process.cwd(), "content");
const FIXTURES = path.join(__dirname, "__fixtures__");

let report: ContentReport;
beforeAll(async () => {
  report = await validateContent(CONTENT);
});

/** The PKI course's lessons: the tests below pin its content (other courses are replayed by the content check). */
const lessonsOf = (r: ContentReport) => r.courses.find((c) => c.meta.slug === "kubernetes-pki")?.lessons ?? [];

// ---------------------------------------------------------------------------------------------
// the real content

describe("content/", () => {
  it("has no problems", () => {
    expect(report.problems).toEqual([]);
  });

  it("has the kubernetes-pki course with its five lessons in order", () => {
    const c = report.courses.find((x) => x.meta.slug === "kubernetes-pki");
    expect(c).toBeDefined();
    expect(c!.meta.level).toBe("Intermediate");
    // the RBAC course exists now, so nothing is "coming soon" after this one
    expect(c!.meta.nextModule).toBeUndefined();
    expect(c!.lessons.map((l) => l.order)).toEqual([1, 2, 3, 4, 5]);
  });

  it("uses every quiz and task id once per course", () => {
    for (const c of report.courses) {
      const ids = c.lessons.flatMap((l) => [...l.quizIds, ...l.taskIds]);
      expect(new Set(ids).size, c.meta.slug).toBe(ids.length);
    }
  });

  it("declares the tasks content/checks.md lists", () => {
    const tasks = lessonsOf(report).flatMap((l) => l.tasks.map((t) => [l.order, t.id, t.check, t.props]));
    expect(tasks).toEqual([
      [
        1,
        "l1-admin-identity",
        "fileIsCertificateWithSubject",
        { path: "/root/admin.crt", cn: "kubernetes-admin", o: "kubeadm:cluster-admins" },
      ],
      [2, "l2-jane-cert", "fileIsCertificateWithSubject", { path: "/root/jane.crt", cn: "jane", o: "dev" }],
      [2, "l2-jane-authenticated", "kubeconfigUserAuthenticatesAs", { kubeconfig: "/root/jane.kubeconfig", user: "jane" }],
      [2, "l2-ops-kubeconfig", "kubeconfigUserAuthenticatesAs", { kubeconfig: "/root/ops.kubeconfig", user: "ops" }],
      [3, "l3-apiserver-san", "apiserverCertHasSan", { san: "127.0.0.1" }],
      [4, "l4-etcd-snapshot", "etcdSnapshotSaved", { path: "/root/etcd-snapshot.db" }],
      [4, "l4-certs-renewed", "certificatesNotExpired", {}],
      [4, "l4-kubeconfig-refreshed", "kubeconfigUserAuthenticatesAs", { kubeconfig: "/root/.kube/config", user: "kubernetes-admin" }],
      [5, "l5-jane-issued", "csrApprovedAndIssued", { name: "jane" }],
      [5, "l5-jane-login", "kubeconfigUserAuthenticatesAs", { kubeconfig: "/root/jane.kubeconfig", user: "jane" }],
      [5, "l5-build-bot-denied", "csrDenied", { name: "build-bot" }],
    ]);
  });

  it("content/checks.md lists every task of every course, with its check", async () => {
    const md = await readFile(path.join(process.cwd(), "content", "checks.md"), "utf8");
    for (const c of report.courses)
      for (const l of c.lessons)
        for (const t of l.tasks) expect(md, `${c.meta.slug} ${t.id}`).toMatch(new RegExp(`\\| \`${t.id}\` \\| ${t.check} \\|`));
  });

  it("marks exactly the commands README.md lists as expectFailure", () => {
    const marked = lessonsOf(report).flatMap((l) =>
      l.steps.flatMap((s) => (s.kind === "command" && s.expectFailure ? [`${l.order}: ${s.text}`] : [])),
    );
    const etcd = "etcdctl --endpoints https://127.0.0.1:2379 --cacert /etc/kubernetes/pki/etcd/ca.crt";
    expect(marked).toEqual([
      `1: ${etcd} --cert admin.crt --key admin.key endpoint health`,
      "2: kubectl --kubeconfig=jane.kubeconfig get nodes",
      "3: kubectl --kubeconfig=tunnel.kubeconfig get nodes",
      "3: openssl s_client -connect 127.0.0.1:6443 -CAfile /etc/kubernetes/pki/ca.crt -verify_ip 127.0.0.1 -verify_return_error </dev/null",
      "4: kubectl get nodes",
      "4: openssl s_client -connect 172.30.1.2:6443 -CAfile /etc/kubernetes/pki/ca.crt -verify_return_error </dev/null",
      `4: ${etcd} --cert /etc/kubernetes/pki/apiserver-etcd-client.crt --key /etc/kubernetes/pki/apiserver-etcd-client.key endpoint health`,
      "4: kubectl get nodes",
      "5: kubectl certificate approve build-bot",
    ]);
  });
});

// one describe per lesson file, so a failure names the lesson
const lessonFiles = ["01", "02", "03", "04", "05"];
describe.each(lessonFiles)("lesson %s", (nn) => {
  let lesson: Lesson;
  beforeAll(() => {
    const l = lessonsOf(report).find((x) => String(x.order).padStart(2, "0") === nn);
    if (!l) throw new Error(`lesson ${nn} did not load: ${report.problems.join("\n")}`);
    lesson = l;
  });

  it("has valid frontmatter", () => {
    expect(lesson.title.length).toBeGreaterThan(0);
    expect(lesson.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(Number.isInteger(lesson.duration) && lesson.duration > 0).toBe(true);
    expect(lesson.objectives.length).toBeGreaterThanOrEqual(3);
    expect(lesson.objectives.length).toBeLessThanOrEqual(5);
    expect(lesson.summary.length).toBeGreaterThan(0);
    expect(lesson.toc.length).toBeGreaterThan(0);
  });

  it("has well-formed quizzes", () => {
    expect(lesson.quizzes.length).toBeGreaterThan(0);
    for (const q of lesson.quizzes) {
      expect(q.options.length, q.id).toBeGreaterThanOrEqual(3);
      expect(q.options.length, q.id).toBeLessThanOrEqual(4);
      expect(
        q.options.filter((o) => o.id === q.correctOptionId),
        q.id,
      ).toHaveLength(1);
      expect(q.explanation.trim().length, q.id).toBeGreaterThan(0);
      expect(q.id).toMatch(new RegExp(`^l${lesson.order}-q\\d+$`));
    }
  });

  it("has tasks that name existing checks with valid props", () => {
    expect(lesson.tasks.length).toBeGreaterThan(0);
    for (const t of lesson.tasks) {
      expect(CHECK_NAMES, t.id).toContain(t.check);
      expect(validateCheckProps(t.check, t.props), t.id).toEqual({ ok: true });
    }
  });

  it("replays in a fresh cluster and then passes every task", async () => {
    const r = await replayLesson(lesson);
    expect(r.problems).toEqual([]);
    // the replay really ran: each command has a result and each expected failure failed
    const commands = r.steps.filter((s) => s.step.kind === "command");
    expect(commands.length).toBe(lesson.steps.filter((s) => s.kind === "command").length);
    for (const s of commands) {
      if (s.step.kind === "command") expect(s.exitCode !== 0, s.step.text).toBe(s.step.expectFailure);
    }
    expect(r.tasks.map((t) => t.result.passed)).toEqual(lesson.tasks.map(() => true));
  });

  it("does not pass its tasks on a fresh cluster (the tasks need the lesson's work)", async () => {
    const sim = await freshCluster();
    // apply the lesson's time travel only, so expiry lessons start from their broken state
    for (const s of lesson.steps) if (s.kind === "timeTravel") sim.advanceClock(s.days * DAY_MS);
    const results = await Promise.all(lesson.tasks.map((t) => runCheck(t.check, t.props, sim)));
    expect(results.some((r) => !r.passed)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// the replay's judgement

// every scenario of every course: the content check's three proofs (scenario-replay.ts)
describe("scenarios", () => {
  const scenarios = () => report.courses.flatMap((c) => c.lessons).filter((l) => l.kind === "scenario");

  it("exist in the troubleshooting track: at least 8, each with hints and a cited source", async () => {
    const track = report.courses.find((c) => c.meta.slug === "troubleshooting");
    expect(track?.meta.prerequisites).toContain("kubernetes-pki");
    expect(track?.lessons.filter((l) => l.kind === "scenario").length).toBeGreaterThanOrEqual(8);
    for (const s of scenarios()) {
      expect(s.scenario?.hints.length, s.slug).toBeGreaterThanOrEqual(2);
      const source = readFileSync(path.join(CONTENT, "courses", s.courseSlug, `${String(s.order).padStart(2, "0")}-${s.slug}.mdx`), "utf8");
      expect(source, s.slug).toMatch(/\{\/\* source: https:\/\/kubernetes\.io\/docs\//);
    }
  });

  it("each fails every task after its setup and passes every task after its reference solution", async () => {
    const results = await Promise.all(scenarios().map((s) => replayScenario(s)));
    expect(results.flatMap((r) => r.problems)).toEqual([]);
    for (const r of results) {
      expect(r.afterSetup.length, r.scenario).toBeGreaterThan(0);
      expect(
        r.afterSetup.every((t) => !t.result.passed),
        r.scenario,
      ).toBe(true);
      expect(
        r.afterSolution.every((t) => t.result.passed),
        r.scenario,
      ).toBe(true);
    }
  }, 120_000);
});

describe("judgeCommand", () => {
  it("accepts a clean success and an expected failure", () => {
    expect(judgeCommand({ text: "ls", expectFailure: false }, "a\n", 0)).toBeUndefined();
    expect(judgeCommand({ text: "x", expectFailure: true }, "Error from server (Forbidden)\n", 1)).toBeUndefined();
  });
  it("rejects failures, unexpected successes and error text", () => {
    expect(judgeCommand({ text: "x", expectFailure: false }, "", 1)).toBe("exits 1");
    expect(judgeCommand({ text: "x", expectFailure: true }, "", 0)).toMatch(/expectFailure but exits 0/);
    for (const out of [
      "bash: vim: command not found",
      "error: unknown flag: --foo",
      "error: unknown shorthand flag: 'z' in -z",
      'error: unknown command "x"',
      "error: something",
    ]) {
      expect(judgeCommand({ text: "x", expectFailure: false }, out, 0), out).toBeDefined();
    }
  });
  it("flags a command the simulator does not know in a replayed lesson", async () => {
    const lesson = lessonsOf(report)[0];
    const broken: Lesson = { ...lesson, steps: [{ kind: "command", text: "emacs /root/x", expectFailure: false }], tasks: [] };
    const r = await replayLesson(broken);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/emacs \/root\/x/);
  });
});

// ---------------------------------------------------------------------------------------------
// the checks, each shown to fail where it should

async function exec(sim: Simulator, ...lines: string[]) {
  for (const l of lines) {
    const r = await sim.exec(l);
    if (r.exitCode !== 0) throw new Error(`${l} failed: ${r.output}`);
  }
}

const check = (name: CheckName, props: Record<string, string>, sim: Simulator) => runCheck(name, props, sim);

/** A client certificate signed by this cluster's CA. */
async function issueWithOpenssl(sim: Simulator, file: string, subj: string) {
  await exec(
    sim,
    "cd ~",
    `openssl genrsa -out ${file}.key 2048`,
    `openssl req -new -key ${file}.key -subj "${subj}" -out ${file}.csr`,
    `openssl x509 -req -in ${file}.csr -CA /etc/kubernetes/pki/ca.crt -CAkey /etc/kubernetes/pki/ca.key -CAcreateserial -days 365 -out ${file}.crt`,
  );
}

const CSR_YAML = (name: string, file: string) =>
  [
    `cat <<EOF > ${name}-csr.yaml`,
    "apiVersion: certificates.k8s.io/v1",
    "kind: CertificateSigningRequest",
    "metadata:",
    `  name: ${name}`,
    "spec:",
    `  request: $(base64 -w0 ${file}.csr)`,
    "  signerName: kubernetes.io/kube-apiserver-client",
    "  usages:",
    "  - client auth",
    "EOF",
  ].join("\n");

describe("checks", () => {
  it("each check has a props schema", () => {
    expect(Object.keys(checkPropsSchemas).sort()).toEqual([...CHECK_NAMES].sort());
    expect(CHECK_NAMES).toContain("etcdSnapshotSaved");
    expect(CHECK_NAMES).toContain("deploymentAvailable");
  });

  it("rejects invalid props instead of throwing", async () => {
    const sim = await freshCluster();
    expect(validateCheckProps("csrDenied", {})).toMatchObject({ ok: false });
    expect(validateCheckProps("certificatesNotExpired", { x: "1" })).toMatchObject({ ok: false });
    expect(validateCheckProps("nope", {})).toMatchObject({ ok: false });
    const r = await check("fileIsCertificateWithSubject", { path: "jane.crt", cn: "jane", o: "dev" }, sim);
    expect(r.passed).toBe(false);
    expect(r.detail).toMatch(/absolute path/);
  });

  it("fileIsCertificateWithSubject: missing file, wrong CN, wrong O, not a certificate, then right", async () => {
    const sim = await freshCluster();
    const props = { path: "/root/jane.crt", cn: "jane", o: "dev" };
    expect(await check("fileIsCertificateWithSubject", props, sim)).toEqual({ passed: false, detail: "/root/jane.crt does not exist." });

    await issueWithOpenssl(sim, "jane", "/CN=jan/O=dev");
    expect(await check("fileIsCertificateWithSubject", props, sim)).toEqual({
      passed: false,
      detail: "/root/jane.crt has CN=jan, expected jane.",
    });

    await issueWithOpenssl(sim, "jane", "/CN=Jane/O=dev");
    expect((await check("fileIsCertificateWithSubject", props, sim)).passed).toBe(false); // case-sensitive

    await issueWithOpenssl(sim, "jane", "/CN=jane/O=qa/O=ops");
    expect(await check("fileIsCertificateWithSubject", props, sim)).toEqual({
      passed: false,
      detail: "/root/jane.crt has O=qa, O=ops, expected O=dev among its organizations.",
    });

    await exec(sim, "cp jane.csr /root/jane.crt");
    expect(await check("fileIsCertificateWithSubject", props, sim)).toEqual({
      passed: false,
      detail: "/root/jane.crt does not hold a PEM certificate.",
    });

    await issueWithOpenssl(sim, "jane", "/O=qa/CN=jane/O=dev");
    expect((await check("fileIsCertificateWithSubject", props, sim)).passed).toBe(true);
  });

  it("kubeconfigUserAuthenticatesAs: identity, missing file, wrong server name, expiry, foreign CA", async () => {
    const sim = await freshCluster();
    const admin = { kubeconfig: "/root/.kube/config", user: "kubernetes-admin" };
    expect(await check("kubeconfigUserAuthenticatesAs", admin, sim)).toEqual({
      passed: true,
      detail: "/root/.kube/config authenticates as kubernetes-admin.",
    });
    expect(await check("kubeconfigUserAuthenticatesAs", { ...admin, user: "jane" }, sim)).toEqual({
      passed: false,
      detail: "/root/.kube/config authenticates as kubernetes-admin, expected jane.",
    });
    expect(await check("kubeconfigUserAuthenticatesAs", { kubeconfig: "/root/jane.kubeconfig", user: "jane" }, sim)).toEqual({
      passed: false,
      detail: "/root/jane.kubeconfig does not exist.",
    });

    await exec(
      sim,
      "cp ~/.kube/config /root/tunnel.kubeconfig",
      "kubectl config set-cluster kubernetes --server=https://127.0.0.1:6443 --kubeconfig=/root/tunnel.kubeconfig",
    );
    const tunnel = await check("kubeconfigUserAuthenticatesAs", { ...admin, kubeconfig: "/root/tunnel.kubeconfig" }, sim);
    expect(tunnel.passed).toBe(false);
    expect(tunnel.detail).toMatch(/x509: certificate is valid for .*not 127\.0\.0\.1/);

    // a client certificate from another cluster's CA with the same issuer name: only the signature tells
    const other = await freshCluster(7);
    const foreign = other.state.fs["/etc/kubernetes/admin.conf"];
    if (foreign?.type !== "file") throw new Error("no admin.conf");
    const mine = sim.state.fs["/etc/kubernetes/admin.conf"];
    if (mine?.type !== "file") throw new Error("no admin.conf");
    const certData = (conf: string) => /client-certificate-data:\s*(\S+)/.exec(conf)![1];
    const keyData = (conf: string) => /client-key-data:\s*(\S+)/.exec(conf)![1];
    const mixed = mine.content
      .replace(certData(mine.content), certData(foreign.content))
      .replace(keyData(mine.content), keyData(foreign.content));
    await exec(sim, `cat <<'EOF' > /root/foreign.kubeconfig\n${mixed}EOF`);
    const f = await check("kubeconfigUserAuthenticatesAs", { ...admin, kubeconfig: "/root/foreign.kubeconfig" }, sim);
    expect(f.passed).toBe(false);
    expect(f.detail).toMatch(/must be logged in/);

    sim.advanceClock(366 * DAY_MS);
    const expired = await check("kubeconfigUserAuthenticatesAs", admin, sim);
    expect(expired.passed).toBe(false);
    expect(expired.detail).toMatch(/expired/);
  });

  it("apiserverCertHasSan: defaults, a missing SAN, and a certificate from another CA", async () => {
    const sim = await freshCluster();
    expect((await check("apiserverCertHasSan", { san: "172.30.1.2" }, sim)).passed).toBe(true);
    expect((await check("apiserverCertHasSan", { san: "10.96.0.1" }, sim)).passed).toBe(true);
    expect((await check("apiserverCertHasSan", { san: "kubernetes.default.svc.cluster.local" }, sim)).passed).toBe(true);
    expect(await check("apiserverCertHasSan", { san: "127.0.0.1" }, sim)).toEqual({
      passed: false,
      detail: "/etc/kubernetes/pki/apiserver.crt has no IP SAN 127.0.0.1 (its IP SANs: 10.96.0.1, 172.30.1.2).",
    });
    expect((await check("apiserverCertHasSan", { san: "localhost" }, sim)).passed).toBe(false);
    // an IP-looking SAN is not satisfied by a DNS entry and vice versa
    expect((await check("apiserverCertHasSan", { san: "controlplane" }, sim)).passed).toBe(true);

    // another cluster's apiserver.crt with 127.0.0.1: the right SAN, the wrong signer
    const other = await freshCluster(7);
    await exec(
      other,
      "mv /etc/kubernetes/pki/apiserver.crt /etc/kubernetes/pki/apiserver.key /root/",
      "kubeadm init phase certs apiserver --apiserver-cert-extra-sans=127.0.0.1",
    );
    const foreign = other.state.fs["/etc/kubernetes/pki/apiserver.crt"];
    if (foreign?.type !== "file") throw new Error("no apiserver.crt");
    await exec(sim, `cat <<'EOF' > /etc/kubernetes/pki/apiserver.crt\n${foreign.content}EOF`);
    expect(await check("apiserverCertHasSan", { san: "127.0.0.1" }, sim)).toEqual({
      passed: false,
      detail: "/etc/kubernetes/pki/apiserver.crt is not signed by the cluster CA, /etc/kubernetes/pki/ca.crt.",
    });

    await exec(sim, "rm /etc/kubernetes/pki/apiserver.crt");
    expect((await check("apiserverCertHasSan", { san: "172.30.1.2" }, sim)).detail).toBe(
      "/etc/kubernetes/pki/apiserver.crt does not exist.",
    );
  });

  it("certificatesNotExpired: passes fresh, fails after 366 days, passes after renewal, fails on a missing file", async () => {
    const sim = await freshCluster();
    expect((await check("certificatesNotExpired", {}, sim)).passed).toBe(true);
    sim.advanceClock(366 * DAY_MS);
    const expired = await check("certificatesNotExpired", {}, sim);
    expect(expired.passed).toBe(false);
    expect(expired.detail).toMatch(
      /^11 certificates are not valid at the cluster's clock \(admin\.conf, apiserver, apiserver-etcd-client, apiserver-kubelet-client and 7 more\)/,
    );
    await exec(sim, "kubeadm certs renew all");
    expect((await check("certificatesNotExpired", {}, sim)).passed).toBe(true);
    await exec(sim, "rm /etc/kubernetes/pki/front-proxy-client.crt");
    expect(await check("certificatesNotExpired", {}, sim)).toEqual({
      passed: false,
      detail: "1 certificate is missing (front-proxy-client).",
    });
    // the CAs count too: ten years on, they are expired even after a renewal
    await exec(sim, "kubeadm certs renew front-proxy-client");
    sim.advanceClock(10 * 365 * DAY_MS);
    await exec(sim, "kubeadm certs renew all");
    const caExpired = await check("certificatesNotExpired", {}, sim);
    expect(caExpired.passed).toBe(false);
    expect(caExpired.detail).toMatch(/ca, etcd-ca, front-proxy-ca/);
  });

  it("csrApprovedAndIssued and csrDenied follow the request's life", async () => {
    const sim = await freshCluster();
    const jane = { name: "jane" };
    expect(await check("csrApprovedAndIssued", jane, sim)).toEqual({
      passed: false,
      detail: "There is no CertificateSigningRequest named jane.",
    });
    expect(await check("csrDenied", jane, sim)).toEqual({ passed: false, detail: "There is no CertificateSigningRequest named jane." });

    await exec(
      sim,
      "cd ~",
      "openssl genrsa -out jane.key 2048",
      'openssl req -new -key jane.key -subj "/CN=jane/O=dev" -out jane.csr',
      CSR_YAML("jane", "jane"),
      "kubectl create -f jane-csr.yaml",
    );
    expect(await check("csrApprovedAndIssued", jane, sim)).toEqual({
      passed: false,
      detail: "The CertificateSigningRequest jane is still Pending: nobody has approved it.",
    });
    expect(await check("csrDenied", jane, sim)).toEqual({
      passed: false,
      detail: "The CertificateSigningRequest jane is still Pending, not denied.",
    });

    await exec(sim, "kubectl certificate approve jane");
    expect((await check("csrApprovedAndIssued", jane, sim)).passed).toBe(true);
    expect(await check("csrDenied", jane, sim)).toEqual({
      passed: false,
      detail: "The CertificateSigningRequest jane is approved, not denied.",
    });

    // approved but not yet issued: the check sees the cluster as the next kubectl command would,
    // after the signer has run, and on a copy (the learner's object stays as it was)
    const csr = sim.state.objects["certificates.k8s.io/certificatesigningrequests//jane"] as unknown as {
      status: { certificate?: string };
    };
    const cert = csr.status.certificate;
    delete csr.status.certificate;
    expect(await check("csrApprovedAndIssued", jane, sim)).toEqual({
      passed: true,
      detail: "The CertificateSigningRequest jane is approved and its certificate issued.",
    });
    expect(csr.status.certificate).toBeUndefined();
    csr.status.certificate = cert;

    await exec(
      sim,
      "openssl genrsa -out bot.key 2048",
      'openssl req -new -key bot.key -subj "/CN=bot" -out bot.csr',
      CSR_YAML("bot", "bot"),
      "kubectl create -f bot-csr.yaml",
      "kubectl certificate deny bot",
    );
    expect(await check("csrDenied", { name: "bot" }, sim)).toEqual({
      passed: true,
      detail: "The CertificateSigningRequest bot is denied.",
    });
    expect(await check("csrApprovedAndIssued", { name: "bot" }, sim)).toEqual({
      passed: false,
      detail: "The CertificateSigningRequest bot was denied.",
    });
  });

  it("namespaceExists", async () => {
    const sim = await freshCluster();
    expect((await check("namespaceExists", { name: "kube-system" }, sim)).passed).toBe(true);
    expect(await check("namespaceExists", { name: "team-a" }, sim)).toEqual({
      passed: false,
      detail: "There is no namespace named team-a.",
    });
    await exec(sim, "kubectl create namespace team-a");
    expect((await check("namespaceExists", { name: "team-a" }, sim)).passed).toBe(true);
  });

  it("etcdSnapshotSaved", async () => {
    const sim = await freshCluster();
    expect(await check("etcdSnapshotSaved", { path: "/root/etcd.db" }, sim)).toEqual({
      passed: false,
      detail: "/root/etcd.db does not exist.",
    });
    await exec(sim, "cp /etc/kubernetes/pki/ca.crt /root/etcd.db");
    expect(await check("etcdSnapshotSaved", { path: "/root/etcd.db" }, sim)).toEqual({
      passed: false,
      detail: "/root/etcd.db is not a snapshot written by etcdctl snapshot save.",
    });
    await exec(
      sim,
      "etcdctl --endpoints https://127.0.0.1:2379 --cacert /etc/kubernetes/pki/etcd/ca.crt --cert /etc/kubernetes/pki/apiserver-etcd-client.crt --key /etc/kubernetes/pki/apiserver-etcd-client.key snapshot save /root/etcd.db",
    );
    expect(await check("etcdSnapshotSaved", { path: "/root/etcd.db" }, sim)).toEqual({
      passed: true,
      detail: "/root/etcd.db is an etcd snapshot.",
    });
  });

  it("never changes the cluster", async () => {
    const sim = await freshCluster();
    await exec(sim, "cp ~/.kube/config /root/jane.kubeconfig");
    // a deployment the controllers have not yet run for: a check settles a copy, never the cluster
    await exec(sim, "kubectl create deployment web --image=nginx --replicas=3");
    sim.advanceClock(400 * DAY_MS);
    const props: Record<CheckName, Record<string, string>> = {
      fileIsCertificateWithSubject: { path: "/etc/kubernetes/pki/ca.crt", cn: "kubernetes", o: "x" },
      kubeconfigUserAuthenticatesAs: { kubeconfig: "/root/jane.kubeconfig", user: "jane" },
      apiserverCertHasSan: { san: "127.0.0.1" },
      certificatesNotExpired: {},
      csrApprovedAndIssued: { name: "jane" },
      csrDenied: { name: "jane" },
      namespaceExists: { name: "default" },
      etcdSnapshotSaved: { path: "/root/etcd.db" },
      objectExists: { kind: "deploy", name: "web" },
      objectAbsent: { kind: "deploy", name: "web" },
      objectField: { kind: "deploy", name: "web", path: "{.spec.replicas}", equals: "3" },
      userCan: { user: "jane", verb: "list", resource: "pods", namespace: "dev" },
      userCannot: { user: "jane", verb: "list", resource: "pods", namespace: "dev" },
      deploymentAvailable: { name: "web" },
      podsReady: { selector: "app=web" },
      serviceHasEndpoints: { name: "web" },
      jobComplete: { name: "pi" },
      nodeSchedulable: { name: "controlplane" },
      apiserverRunning: {},
    };
    const before = sim.serialize();
    for (const name of CHECK_NAMES) await check(name, props[name], sim);
    expect(sim.serialize()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------
// the validator

describe("validator", () => {
  it("accepts the valid fixture course and replays it", async () => {
    const r = await validateContent(path.join(FIXTURES, "valid"));
    expect(r.problems).toEqual([]);
    const lesson = r.courses[0].lessons[0];
    expect(lesson.steps.map((s) => s.kind)).toEqual(["command", "command", "command", "command", "command", "timeTravel"]);
    expect(lesson.steps[2]).toEqual({
      kind: "command",
      text: "cat <<EOF > ns.yaml\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\nEOF",
      expectFailure: false,
    });
    expect(lesson.steps[1]).toMatchObject({ text: "kubectl get ns -o jsonpath='{.items[0].metadata.name}'" });
    expect(lesson.steps[4]).toMatchObject({ expectFailure: true });
    expect(lesson.steps[5]).toEqual({ kind: "timeTravel", days: 2 });
    // duplicate heading texts get distinct ids
    expect(lesson.toc).toEqual([
      { depth: 2, id: "look-around", text: "Look around" },
      { depth: 3, id: "a-namespace", text: "A namespace" },
      { depth: 2, id: "look-around-1", text: "Look around" },
    ]);
    expect((await replayLesson(lesson)).problems).toEqual([]);
  });

  it("rejects the malformed fixture course with a message per problem, naming file and field", async () => {
    const r = await validateContent(path.join(FIXTURES, "malformed"));
    expect(r.courses).toEqual([]);
    const file = "lib/course/__fixtures__/malformed/courses/broken";
    const expected = [
      `${file}/course.json: course.json field "level": level must be "Beginner", "Intermediate" or "Advanced"`,
      `${file}/course.json: slug "not-broken" must equal the folder name "broken"`,
      `${file}/01-bad-lesson.mdx: frontmatter field "objectives": objectives must have 3 to 5 entries`,
      `${file}/01-bad-lesson.mdx:11: do not use # headings`,
      `${file}/01-bad-lesson.mdx:13: <Command> expression must be a string`,
      `${file}/01-bad-lesson.mdx:15: <Command> must contain only plain text`,
      `${file}/01-bad-lesson.mdx:17: unknown component <Terminal>`,
      `${file}/01-bad-lesson.mdx:19: <Quiz id="l1-q1"> has 2 options; it needs 3 or 4`,
      `${file}/01-bad-lesson.mdx:19: <Quiz id="l1-q1"> has 2 correct options`,
      `${file}/01-bad-lesson.mdx:27: id "l1-q1" is already used on line 19`,
      `${file}/01-bad-lesson.mdx:27: <Quiz id="l1-q1"> has 2 options; it needs 3 or 4`,
      `${file}/01-bad-lesson.mdx:27: <Quiz id="l1-q1"> option ids are "a", "c"`,
      `${file}/01-bad-lesson.mdx:27: <Quiz id="l1-q1"> has 0 <Explanation>s`,
      `${file}/01-bad-lesson.mdx:32: <Task id="l1-nope">: unknown check "isHappy"`,
      `${file}/01-bad-lesson.mdx:36: <Task id="l1-cert">: check fileIsCertificateWithSubject: prop "path" must be an absolute path`,
      `${file}/01-bad-lesson.mdx:36: <Task id="l1-cert">: check fileIsCertificateWithSubject needs the prop "o"`,
      `${file}/01-bad-lesson.mdx:40: <TimeTravel> needs days={N}`,
      `${file}/notes.mdx: lesson files are named NN-slug.mdx`,
      `${file}: lesson numbers must run 01..02 without gaps or repeats; found 01, 03`,
    ];
    for (const e of expected)
      expect(
        r.problems.some((p) => p.startsWith(e)),
        e,
      ).toBe(true);
    expect(r.problems).toHaveLength(expected.length);
  });

  const FM = [
    "---",
    "title: T",
    "slug: t",
    "order: 1",
    "duration: 5",
    "objectives:",
    "  - a",
    "  - b",
    "  - c",
    "summary: S",
    "---",
    "",
  ].join("\n");
  const TASK = '\n<Task id="l1-ns" check="namespaceExists" name="default" title="T">\nGoal.\n</Task>\n';
  const problemsOf = async (body: string, withTask = true) =>
    (await parseLesson(FM + body + (withTask ? TASK : ""), { file: "x.mdx", courseSlug: "c" })).problems;

  it("accepts a minimal lesson", async () => {
    expect(await problemsOf("## Hi\n\n<Command>ls</Command>\n")).toEqual([]);
  });

  it.each([
    ["no frontmatter", "", /must start with YAML frontmatter/],
    ["no task", "## Hi\n", /needs at least one <Task>/],
    ["unknown prop", '<Command foo="1">ls</Command>\n', /<Command> has no prop "foo"/],
    ["expectFailure as a string", '<Command expectFailure="yes">ls</Command>\n', /prop expectFailure must be a boolean/],
    ["a dynamic template literal", "<Command>{`ls ${HOME}`}</Command>\n", /expression must be a string/],
    ["a function call", '<Command>{["a"].map(String).join("")}</Command>\n', /expression must be a string/],
    ["an expression in prose", "Hello {1 + 1}\n", /only allowed inside <Command>/],
    ["an import", 'import X from "y"\n', /import and export are not allowed/],
    ["an Option outside a Quiz", '<Option id="a">x</Option>\n', /belongs directly inside a <Quiz>/],
    ["a bad callout type", '<Callout type="danger">x</Callout>\n', /type must be "note", "tip" or "warning"/],
    ["two diagrams", '<Diagram name="a" />\n\n<Diagram name="b" />\n', /at most one <Diagram>/],
    ["a task without its check's props", '<Task id="l1-x" check="csrDenied" title="T">\nGoal.\n</Task>\n', /needs the prop "name"/],
    ["an invalid MDX", "<Command>ls\n", /MDX does not compile/],
    [
      "an empty explanation",
      '<Quiz id="l1-q1" question="Q">\n<Option id="a">x</Option>\n<Option id="b" correct>y</Option>\n<Option id="c">z</Option>\n<Explanation>\n</Explanation>\n</Quiz>\n',
      /<Explanation> is empty/,
    ],
  ])("rejects %s", async (what, body, re) => {
    const src = what === "no frontmatter" ? "## Hi\n" + TASK : undefined;
    const problems = src
      ? (await parseLesson(src, { file: "x.mdx", courseSlug: "c" })).problems
      : await problemsOf(body, what !== "no task");
    expect(
      problems.some((p) => re.test(p)),
      problems.join("\n"),
    ).toBe(true);
  });

  it("reports frontmatter problems with the field name", async () => {
    const src = FM.replace("order: 1", "order: first").replace("  - c\n", "").replace("summary: S\n", "summary: S\nauthor: me\n") + TASK;
    const { problems } = await parseLesson(src, { file: "x.mdx", courseSlug: "c" });
    expect(problems).toEqual([
      'x.mdx: frontmatter field "order": order must be a number',
      'x.mdx: frontmatter field "objectives": objectives must have 3 to 5 entries',
      'x.mdx: frontmatter has unknown field(s) "author"',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// the catalogue API

describe("catalog", () => {
  it("lists courses and finds lessons, quizzes and tasks", async () => {
    clearCatalogCache();
    const courses = await listCourses();
    expect(courses.map((c) => c.slug)).toEqual(
      expect.arrayContaining(["kubernetes-pki", "kubernetes-rbac", "kubernetes-workloads", "troubleshooting"]),
    );
    const pki = courses.find((c) => c.slug === "kubernetes-pki");
    expect(pki?.lessons.map((l) => l.slug)).toEqual([
      "how-kubernetes-uses-tls",
      "client-certificates",
      "apiserver-certificate-and-sans",
      "expiry-and-renewal",
      "certificates-api",
    ]);
    expect(pki?.lessons[0]).not.toHaveProperty("code");

    const lesson = await getLesson("kubernetes-pki", "client-certificates");
    expect(lesson?.taskIds).toEqual(["l2-jane-cert", "l2-jane-authenticated", "l2-ops-kubeconfig"]);
    expect(await getLesson("kubernetes-pki", "nope")).toBeUndefined();
    expect(await getLesson("nope", "client-certificates")).toBeUndefined();

    const q = await getQuiz("kubernetes-pki", "l1-q5");
    expect(q).toMatchObject({ lessonSlug: "how-kubernetes-uses-tls", correctOptionId: "c" });
    expect(q?.options.find((o) => o.id === "c")?.text).toMatch(/^etcd checked the admin certificate against the etcd CA/);
    expect(await getQuiz("kubernetes-pki", "l9-q9")).toBeUndefined();

    expect(await getTask("kubernetes-pki", "l5-build-bot-denied")).toEqual({
      id: "l5-build-bot-denied",
      courseSlug: "kubernetes-pki",
      lessonSlug: "certificates-api",
      title: expect.any(String) as string,
      check: "csrDenied",
      props: { name: "build-bot" },
    });
  });

  it("compiles once per process", async () => {
    const a = await getLesson("kubernetes-pki", "expiry-and-renewal");
    const b = await getLesson("kubernetes-pki", "expiry-and-renewal");
    expect(a).toBe(b);
  });

  it("gives runnable code with heading ids and without the correct answers", async () => {
    const lesson = (await getLesson("kubernetes-pki", "client-certificates"))!;
    expect(lesson.code).not.toMatch(/correct:/);
    expect(lesson.code).toMatch(/id: "step-1-the-private-key"/);
    // run it with a stand-in JSX runtime: no React needed to prove the code evaluates
    type El = { type: unknown; props: Record<string, unknown> };
    const jsx = (type: unknown, props: Record<string, unknown>): El => ({ type, props });
    const mod = await run(lesson.code, { Fragment: "fragment", jsx, jsxs: jsx, baseUrl: import.meta.url });
    const names = ["Command", "Quiz", "Option", "Explanation", "Question", "Task", "Diagram", "Callout", "TimeTravel"];
    const components = Object.fromEntries(names.map((n) => [n, n]));
    const tree = (mod.default as (p: unknown) => El)({ components });
    const found: El[] = [];
    const walk = (x: unknown) => {
      if (Array.isArray(x)) return x.forEach(walk);
      if (x && typeof x === "object" && "props" in x) {
        found.push(x as El);
        walk((x as El).props.children);
      }
    };
    walk(tree);
    const commands = found.filter((e) => e.type === "Command").map((e) => e.props.children);
    expect(commands).toEqual(lesson.steps.flatMap((s) => (s.kind === "command" ? [s.text] : [])));
    expect(found.filter((e) => e.type === "Option").some((e) => "correct" in e.props)).toBe(false);
  });

  it("reads another content directory and throws a ContentError for broken content", async () => {
    const demo = createCatalog(path.join(FIXTURES, "valid"));
    expect((await demo.listCourses()).map((c) => c.slug)).toEqual(["demo"]);
    expect(await demo.getTask("demo", "l1-demo-ns")).toMatchObject({ check: "namespaceExists", props: { name: "demo" } });
    await expect(createCatalog(path.join(FIXTURES, "malformed")).listCourses()).rejects.toThrow(/content problems:[\s\S]*level must be/);
  });

  it("headingId slugs like the TOC", () => {
    expect(headingId("Step 6: who am I?")).toBe("step-6-who-am-i");
    expect(headingId("401 versus 403")).toBe("401-versus-403");
    expect(headingId("The `apiserver.crt` SANs")).toBe("the-apiservercrt-sans");
    expect(headingId("  Day 366 -- what breaks  ")).toBe("day-366-what-breaks");
    expect(headingId("???")).toBe("section");
  });
});
