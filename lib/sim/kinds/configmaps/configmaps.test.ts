import { describe, expect, it } from "vitest";
import { DAY, HOUR, NOW, event, messages, meta, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, describeBothWays, kubectlClient, withKubectl } from "../__tests__/kubectl-oracle";
import { describeContext, makeWorld } from "../__tests__/world";
import { events } from "../events";
import { configmaps, type ConfigMap } from ".";

const CTX = strategyContext();

async function generated(): Promise<ConfigMap> {
  // kubectl's own generator gives the object a learner would create
  const out = await kubectlClient("create", "configmap", "app-config", "--from-literal=LOG_LEVEL=debug", "--dry-run=client", "-o", "json");
  expect(out.stderr).toBe("");
  const cm = JSON.parse(out.stdout) as ConfigMap;
  return { ...cm, metadata: { ...meta("app-config", "default", 3 * HOUR), labels: { app: "web" } } };
}

describe("configmaps", () => {
  it("is core/v1 configmaps, short name cm, no categories", () => {
    const r = configmaps.resource;
    expect([r.group, r.version, r.kind, r.shortNames, r.namespaced, r.categories, r.subresources]).toEqual([
      "",
      "v1",
      "ConfigMap",
      ["cm"],
      true,
      undefined,
      undefined,
    ]);
  });

  it("counts data and binaryData entries in DATA (printers.go printConfigMap)", () => {
    const cm: ConfigMap = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: meta("kube-root-ca.crt", "default", 5 * DAY),
      data: { "ca.crt": "x" },
      binaryData: { logo: "iVBORw0KGgo=" },
    };
    expect(configmaps.table?.rows(cm, { now: NOW })).toEqual([["kube-root-ca.crt", 2, "5d"]]);
  });

  it("rejects bad keys, keys in both maps, and more than 1 MiB (ValidateConfigMap)", () => {
    const cm: ConfigMap = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: meta("c", "default", 0),
      data: { "bad key": "v", dup: "a", big: "x".repeat(1024 * 1024) },
      binaryData: { dup: "YQ==" },
    };
    // validation.go ValidateConfigMap (TooLong worded as apimachinery v0.32.4 field/errors.go); IsConfigMapKey's RegexError joins examples with " or " (the double space is upstream's)
    expect(messages(configmaps.validate?.(cm, CTX) ?? [])).toEqual([
      `data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
      'data[dup]: Invalid value: "dup": duplicate of key present in binaryData',
      "[]: Too long: may not be more than 1048576 bytes",
    ]);
  });

  it("keeps an immutable configmap's data (ValidateConfigMapUpdate)", () => {
    const old: ConfigMap = { apiVersion: "v1", kind: "ConfigMap", metadata: meta("c", "default", 0), data: { a: "1" }, immutable: true };
    const cur: ConfigMap = { ...old, data: { a: "2" }, immutable: false };
    expect(messages(configmaps.validateUpdate?.(cur, old, CTX) ?? [])).toEqual([
      "immutable: Forbidden: field is immutable when `immutable` is set",
      "data: Forbidden: field is immutable when `immutable` is set",
    ]);
  });

  it("describes several keys in order, with a binary entry's size (describe.go ConfigMapDescriber)", () => {
    const cm: ConfigMap = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: meta("c", "default", 0),
      data: { b: "2", a: "line1\nline2" },
      binaryData: { bin: "AAECAw==" },
    };
    const out = configmaps.describe?.(cm, describeContext(makeWorld([configmaps], []), NOW, false));
    expect(out).toBe(
      "Name:         c\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\na:\n----\nline1\nline2\n\nb:\n----\n2\n\n\nBinaryData\n====\nbin: 4 bytes\n\n",
    );
  });

  it.skipIf(!HAVE_KUBECTL)("describes and lists byte for byte as real kubectl", async () => {
    const cm = await generated();
    cm.binaryData = { "logo.png": "iVBORw0KGgoAAAANSUhEUg==" };
    const ev = event(cm, { reason: "Sync", message: "synced", component: "test-controller", first: 2 * HOUR, count: 3, last: 20 * 60_000 });
    const world = makeWorld([configmaps, events], [cm, ev]);
    const r = await describeBothWays(world, NOW, (o, c) => configmaps.describe?.(o, c) ?? "", cm, "configmap");
    expect(r.real.stderr).toBe("");
    expect(r.ours).toBe(r.real.stdout);
    expect(r.oursNoEvents).toBe(r.realNoEvents.stdout);
    await withKubectl(world, NOW, async (kubectl) => {
      expect((await kubectl("get", "cm")).stdout).toBe("NAME         DATA   AGE\napp-config   2      3h\n");
    });
  });
});
