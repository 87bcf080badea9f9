/**
 * etcdctl against the simulated etcd. The expected texts are etcd v3.5.16's, read in etcd-io/etcd:
 * - etcdctl/ctlv3/command/printer_simple.go EndpointHealth: "%s is healthy: successfully committed
 *   proposal: took = %v" / "%s is unhealthy: failed to commit proposal: %v" (stderr);
 * - etcdctl/ctlv3/command/ep_command.go epHealthCommandFunc: ExitWithError(ExitError, "unhealthy cluster");
 * - pkg/cobrautl/error.go ExitWithError: "Error: <err>" on stderr; ExitError 1, ExitInterrupted 5, ExitBadArgs 128;
 * - etcdctl/ctlv3/command/printer.go makeMemberListTable, printer_simple.go MemberList (", "-joined);
 * - client/v3/retry_interceptor.go:63 "retrying of unary invoker failed"; client/pkg/logutil/zap.go
 *   (JSON, ts "2006-01-02T15:04:05.000000Z0700"); client/v3/client.go target "%s://%p/%s";
 * - client/v3/snapshot/v3_snapshot.go Save (lines 65, 73, 88, 97) and client/v3/maintenance.go
 *   (212, 220); etcdctl/ctlv3/command/snapshot_command.go "Snapshot saved at %s";
 * - etcdctl/main.go: "unsupported API version: %s"; pkg/flags/flag.go:93 "unrecognized environment variable";
 * - util.go printKV: the key, then the (empty with --keys-only) value, each on its own line.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { mergeConfig } from "../../core/base-state";
import { run, testEngine, testState } from "../../core/testing";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { createKubeadmPki } from "../../pki";
import { coreutils } from "../coreutils";
import { etcdctl } from ".";
import { Simulator } from "../../simulator";

const NOW = Date.UTC(2026, 10, 28, 9, 8, 33);
const DAY = 86_400_000;
const PKI = "/etc/kubernetes/pki";
const TLS = (cert: string) =>
  `--endpoints https://127.0.0.1:2379 --cacert ${PKI}/etcd/ca.crt --cert ${PKI}/${cert}.crt --key ${PKI}/${cert}.key`;
let files: Record<string, string> = {};

beforeAll(async () => {
  let s = 13;
  files = await createKubeadmPki(mergeConfig(), {
    now: NOW,
    keys: new DeterministicKeySource(8),
    random: () => ((s = (s * 16807) % 2147483647), s / 2147483647),
  });
});

const engine = (now = NOW) =>
  testEngine({ state: testState(files, NOW), commands: [...coreutils.filter((c) => c.name !== "etcdctl"), etcdctl], now });
const WARN =
  /^\{"level":"warn","ts":"2026-11-28T09:08:38\.\d{6}Z","logger":"(etcd-)?client","caller":"v3@v3\.5\.16\/retry_interceptor\.go:63","msg":"retrying of unary invoker failed","target":"etcd-endpoints:\/\/0xc000[0-9a-f]{3}000\/127\.0\.0\.1:2379","attempt":0,"error":"rpc error: code = DeadlineExceeded desc = latest balancer error: last connection error: connection error: desc = \\"(.*)\\""\}$/;

function failure(output: string): string | undefined {
  const first = output.split("\n")[0];
  return WARN.exec(first)?.[2].replace(/\\"/g, '"');
}

describe("etcdctl endpoint health", () => {
  it("is healthy with the health-check client certificate from the etcd CA", async () => {
    const r = await run(engine(), `ETCDCTL_API=3 etcdctl ${TLS("etcd/healthcheck-client")} endpoint health`);
    expect(r.exitCode).toBe(0);
    expect(r.output).toMatch(/^https:\/\/127\.0\.0\.1:2379 is healthy: successfully committed proposal: took = \d+\.\d+ms\n$/);
  });

  it("rejects the admin's certificate from the cluster CA: etcd trusts only its own CA", async () => {
    const r = await run(engine(), `etcdctl ${TLS("apiserver-kubelet-client")} endpoint health`);
    expect(r.exitCode).toBe(1);
    expect(failure(r.output)).toBe("error reading server preface: remote error: tls: unknown certificate authority");
    expect(r.output.split("\n").slice(1).join("\n")).toBe(
      "https://127.0.0.1:2379 is unhealthy: failed to commit proposal: context deadline exceeded\nError: unhealthy cluster\n",
    );
  });

  it("says what is wrong without a client certificate, with the wrong CA, or once the server certificate expired", async () => {
    expect(
      failure((await run(engine(), `etcdctl --endpoints https://127.0.0.1:2379 --cacert ${PKI}/etcd/ca.crt endpoint health`)).output),
    ).toBe("error reading server preface: remote error: tls: certificate required");
    expect(
      failure(
        (
          await run(
            engine(),
            `etcdctl --endpoints https://127.0.0.1:2379 --cacert ${PKI}/ca.crt --cert ${PKI}/apiserver-etcd-client.crt --key ${PKI}/apiserver-etcd-client.key endpoint health`,
          )
        ).output,
      ),
    ).toBe("transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority");
    const late = await run(engine(NOW + 366 * DAY), `etcdctl ${TLS("apiserver-etcd-client")} endpoint health`);
    expect(late.output).toContain(
      "tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2027-11-29T09:08:33Z is after 2027-11-28T09:08:33Z",
    );
  });

  it("reads ETCDCTL_* variables for flags that are not given, and warns about unknown ones", async () => {
    const e = engine();
    await run(
      e,
      `export ETCDCTL_ENDPOINTS=https://127.0.0.1:2379 ETCDCTL_CACERT=${PKI}/etcd/ca.crt ETCDCTL_CERT=${PKI}/apiserver-etcd-client.crt ETCDCTL_KEY=${PKI}/apiserver-etcd-client.key`,
    );
    expect((await run(e, "etcdctl endpoint health")).output).toMatch(/is healthy/);
    const warned = (await run(e, "ETCDCTL_FOO=bar etcdctl endpoint health")).output;
    expect(warned).toMatch(
      /^\{"level":"warn","ts":"[^"]+","caller":"flags\/flag\.go:93","msg":"unrecognized environment variable","environment-variable":"ETCDCTL_FOO=bar"\}\n.* is healthy/,
    );
    expect((await run(e, "ETCDCTL_API=4 etcdctl endpoint health")).output).toBe("unsupported API version: 4\n");
  });

  it("fails before connecting when a file is missing", async () => {
    expect(await run(engine(), `etcdctl --cacert ${PKI}/etcd/nosuch.crt endpoint health`)).toMatchObject({
      output: `Error: open ${PKI}/etcd/nosuch.crt: no such file or directory\n`,
      exitCode: 128,
    });
  });
});

describe("etcdctl member list, snapshot save, get", () => {
  it("lists the single member, simple and as a table", async () => {
    const e = engine();
    const simple = (await run(e, `etcdctl ${TLS("apiserver-etcd-client")} member list`)).output;
    expect(simple).toMatch(/^[0-9a-f]{16}, started, controlplane, https:\/\/172\.30\.1\.2:2380, https:\/\/172\.30\.1\.2:2379, false\n$/);
    const t = (await run(e, `etcdctl ${TLS("apiserver-etcd-client")} member list -w table`)).output.split("\n");
    expect(t[1]).toBe("|        ID        | STATUS  |     NAME     |       PEER ADDRS        |      CLIENT ADDRS       | IS LEARNER |");
    expect(t[3]).toBe(
      `| ${simple.slice(0, 16)} | started | controlplane | https://172.30.1.2:2380 | https://172.30.1.2:2379 |      false |`,
    );
    const bad = await run(e, `etcdctl ${TLS("apiserver-kubelet-client")} member list`);
    expect(bad.exitCode).toBe(1);
    expect(bad.output.split("\n").slice(1).join("\n")).toBe("Error: context deadline exceeded\n");
  });

  it("saves a snapshot with the client's log lines", async () => {
    const e = engine();
    const r = await run(e, `etcdctl ${TLS("apiserver-etcd-client")} snapshot save /root/backup.db`);
    const lines = r.output.trimEnd().split("\n");
    expect(lines.map((l) => (l.startsWith("{") ? (JSON.parse(l) as { caller: string; msg: string }).msg : l))).toEqual([
      "created temporary db file",
      "opened snapshot stream; downloading",
      "fetching snapshot",
      "completed snapshot read; closing",
      "fetched snapshot",
      "saved",
      "Snapshot saved at /root/backup.db",
    ]);
    const fetched = JSON.parse(lines[4]) as Record<string, string>;
    expect(fetched).toMatchObject({ level: "info", caller: "snapshot/v3_snapshot.go:88", endpoint: "https://127.0.0.1:2379", took: "now" });
    expect(fetched.size).toMatch(/^\d\.\d MB$/);
    expect(JSON.parse(lines[1])).toMatchObject({ logger: "client", caller: "v3@v3.5.16/maintenance.go:212" });
    expect((await run(e, "ls /root/backup.db /root/backup.db.part")).output).toBe(
      "ls: cannot access '/root/backup.db.part': No such file or directory\n/root/backup.db\n",
    );
    expect(await run(e, `etcdctl ${TLS("apiserver-etcd-client")} snapshot save /nosuch/b.db`)).toMatchObject({ exitCode: 5 });
  });

  it("lists keys under a prefix, each followed by its empty value line", async () => {
    const sim = await Simulator.create({ clock: { now: () => NOW }, keys: new DeterministicKeySource(8), seed: 1 });
    const r = await sim.exec(`etcdctl ${TLS("apiserver-etcd-client")} get /registry/namespaces --prefix --keys-only`);
    expect(r.output).toBe(
      "/registry/namespaces/default\n\n/registry/namespaces/kube-node-lease\n\n/registry/namespaces/kube-public\n\n/registry/namespaces/kube-system\n\n/registry/namespaces/local-path-storage\n\n",
    );
  });
});
