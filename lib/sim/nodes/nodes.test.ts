/**
 * ssh to the cluster's nodes, through the simulator as the terminal drives it: the worker's own
 * prompt, name and files (what `kubeadm join` leaves: nodes/hosts.ts), kubectl there without a
 * kubeconfig, OpenSSH's messages, `exit`, and a worker's changed files surviving a save and restore
 * (and a state saved before `hosts` existed loading as before).
 */
import { describe, expect, it } from "vitest";
import { DeterministicKeySource } from "../keys/deterministic-key-source";
import { applyDelta, Simulator, type SavedState, type StateDelta } from "../simulator";

const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);

async function sim() {
  const clock = { t: T0 };
  const s = await Simulator.create({ clock: { now: () => clock.t }, keys: new DeterministicKeySource(5), seed: 3, ageMs: 3_600_000 });
  return { s, clock, run: async (l: string) => (await s.exec(l)).output };
}

describe("ssh to a node", () => {
  it("opens a login shell on node01 with its own name and kubeadm join's files, and exit comes back", async () => {
    const { s, run } = await sim();
    const login = await s.exec("ssh node01");
    expect(login.exitCode).toBe(0);
    expect(s.prompt()).toBe("node01:~$ ");
    expect(await run("hostname")).toBe("node01\n");
    expect(await run("cat /etc/hostname")).toBe("node01\n");
    expect(await run("ls -1 /etc/kubernetes")).toBe("kubelet.conf\nmanifests\npki\n");
    expect(await run("ls /etc/kubernetes/manifests | wc -l")).toBe("0\n");
    expect(await run("ls /etc/kubernetes/pki")).toBe("ca.crt\n");
    // the kubelet's kubeconfig after its TLS bootstrap (pkg/kubelet/certificate/bootstrap/bootstrap.go)
    const conf = await run("cat /etc/kubernetes/kubelet.conf");
    expect(conf).toContain("    server: https://172.30.1.2:6443\n  name: default-cluster\n");
    expect(conf).toContain("current-context: default-context\n");
    expect(conf).toContain("    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem\n");
    // the same CA as the control plane's
    const ca = await run("cat /etc/kubernetes/pki/ca.crt");
    expect(ca).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(await run("grep -c clientCAFile /var/lib/kubelet/config.yaml")).toBe("1\n");
    expect(await run("ls /usr/lib/systemd/system/kubelet.service.d")).toBe("10-kubeadm.conf\n");
    expect(await run("test -e /etc/kubernetes/admin.conf; echo $?")).toBe("1\n");
    // kubectl with no kubeconfig falls back to localhost:8080 (real kubectl's last line)
    const k = await s.exec("kubectl get nodes");
    expect(k.exitCode).toBe(1);
    expect(k.output.split("\n").at(-2)).toBe(
      "The connection to the server localhost:8080 was refused - did you specify the right host or port?",
    );
    const out = await s.exec("exit");
    expect(out.output).toBe("logout\nConnection to node01 closed.\n");
    expect(s.prompt()).toBe("controlplane:~$ ");
    expect(await run("hostname")).toBe("controlplane\n");
    expect(ca).toBe(await run("cat /etc/kubernetes/pki/ca.crt"));
  });

  it("closes the node's shell on Ctrl-D with one logout and OpenSSH's line, and the prompt's own shell with exit", async () => {
    // bash 5.2 on a pty at end of input: readline's newline, then "logout" in a login shell
    // ("exit" otherwise); OpenSSH's clientloop.c then says the connection closed
    const { s } = await sim();
    await s.exec("ssh node01");
    const eof = await s.endOfInput({ cols: 80, rows: 24 });
    expect(eof.output).toBe("\nlogout\nConnection to node01 closed.\n");
    expect(eof.exit).toBe(false);
    expect(s.prompt()).toBe("controlplane:~$ ");
    const top = await s.endOfInput({ cols: 80, rows: 24 });
    expect(top.output).toBe("\nexit\n");
    expect(top.exit).toBe(true);
  });

  it("reaches a node by IP or user@name, runs a one-off command, and answers OpenSSH's errors with exit 255", async () => {
    const { s, run } = await sim();
    expect(await run("ssh 172.30.2.2 hostname")).toBe("node01\n");
    expect(await run("ssh root@node01 'cat /etc/hostname; pwd'")).toBe("node01\n/root\n");
    const bad = await s.exec("ssh Foo");
    expect(bad.output).toBe("ssh: Could not resolve hostname foo: Name or service not known\n");
    expect(bad.exitCode).toBe(255);
    const none = await s.exec("ssh");
    expect(none.exitCode).toBe(255);
    expect(none.output).toMatch(/^usage: ssh \[-46AaCfGgKkMNnqsTtVvXxYy\]/);
    expect(s.prompt()).toBe("controlplane:~$ ");
    // ssh from node01 to the control plane nests; each exit goes back one level
    await s.exec("ssh node01");
    await s.exec("ssh controlplane");
    expect(await run("hostname")).toBe("controlplane\n");
    await s.exec("exit");
    expect(s.prompt()).toBe("node01:~$ ");
    await s.exec("exit");
    expect(s.prompt()).toBe("controlplane:~$ ");
  });

  it("keeps a worker's changed files apart from the control plane's, across a save and restore", async () => {
    const { s, clock, run } = await sim();
    await s.exec("ssh node01");
    await run("echo changed > /root/note; rm /etc/kubernetes/pki/ca.crt; cd /var/lib/kubelet");
    const saved = JSON.parse(JSON.stringify(s.serialize())) as unknown;
    const r = Simulator.restore(saved, { clock: { now: () => clock.t }, keys: new DeterministicKeySource(5) });
    expect(r.prompt()).toBe("node01:/var/lib/kubelet$ ");
    expect((await r.exec("cat /root/note")).output).toBe("changed\n");
    expect((await r.exec("ls /etc/kubernetes/pki")).output).toBe("");
    await r.exec("exit");
    expect((await r.exec("cat /root/note")).output).toBe("cat: /root/note: No such file or directory\n");
    expect((await r.exec("ls /etc/kubernetes/pki/ca.crt")).output).toBe("/etc/kubernetes/pki/ca.crt\n");
  });

  it("loads a state saved before hosts existed, and refuses a malformed one", async () => {
    const { s, clock } = await sim();
    const saved = JSON.parse(JSON.stringify(s.serialize())) as Record<string, unknown>;
    delete saved.hosts;
    const r = Simulator.restore(saved, { clock: { now: () => clock.t }, keys: new DeterministicKeySource(5) });
    expect((await r.exec("ssh node01 hostname")).output).toBe("node01\n");
    expect(() =>
      Simulator.restore(
        { ...saved, hosts: { node01: { fs: { "rel/path": null } } } },
        { clock: { now: () => clock.t }, keys: new DeterministicKeySource(5) },
      ),
    ).toThrow(/bad hosts/);
  });

  it("edits a worker's file with vim over ssh; the write reaches the saved state's deltas", async () => {
    const { s, clock } = await sim();
    const saved = JSON.parse(JSON.stringify(s.serialize())) as SavedState;
    const apply = (r: { delta?: StateDelta }) => r.delta && applyDelta(saved, r.delta);
    apply(await s.exec("ssh node01"));
    apply(await s.exec("cd /var/lib/kubelet"));
    const opened = await s.exec("vim config.yaml", { cols: 80, rows: 24 });
    apply(opened);
    expect(opened.mode).toBe("raw");
    await s.editorInput("ggOmaxPods: 50");
    apply(await s.editorInput(`${String.fromCharCode(27)}:wq\r`));
    expect(s.terminalMode()).toBe("line");
    expect((await s.exec("head -1 /var/lib/kubelet/config.yaml")).output).toBe("maxPods: 50\n");
    const r = Simulator.restore(saved, { clock: { now: () => clock.t }, keys: new DeterministicKeySource(5) });
    expect((await r.exec("head -1 config.yaml")).output).toBe("maxPods: 50\n");
    await r.exec("exit");
    expect((await r.exec("head -1 /var/lib/kubelet/config.yaml")).output).toBe("apiVersion: kubelet.config.k8s.io/v1beta1\n");
  });
});

describe("the kubelet's health, remembered between settles", () => {
  it("follows a file changed in the same millisecond as the last look", async () => {
    const { s, run } = await sim();
    const { kubeletHealth } = await import("./kubelet-health");
    const state = () => s.state;
    expect(kubeletHealth(state(), "controlplane").startError).toBeUndefined();
    // the clock does not move: only the file's content tells the two looks apart
    await run("sed -i 's#pki/ca.crt#pki/ca.cert#' /var/lib/kubelet/config.yaml");
    expect(kubeletHealth(state(), "controlplane").startError).toContain("unable to load client CA file /etc/kubernetes/pki/ca.cert");
    await run("cp /etc/kubernetes/pki/ca.crt /etc/kubernetes/pki/ca.cert");
    expect(kubeletHealth(state(), "controlplane").startError).toBeUndefined();
  });
});
