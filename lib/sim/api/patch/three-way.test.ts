/**
 * The three-way patch against the bodies real kubectl v1.32.3 sent: each expected patch below was
 * read from `kubectl apply -f new.yaml -v=9` ("Request Body" of the PATCH) against sim:api, after
 * `kubectl apply -f old.yaml`, with the live object trimmed to the fields the patch depends on.
 */
import { describe, expect, it } from "vitest";
import { goJson } from "../../printers/json";
import type { Json } from "../types";
import { threeWayPatch } from "./three-way";

const LAST = "kubectl.kubernetes.io/last-applied-configuration";
const lastApplied = (doc: object) => goJson({ ...doc }) + "\n";
/** the manifest as apply sends it: annotations present, with the new last-applied annotation */
function modifiedOf(doc: { metadata: Record<string, unknown> } & Record<string, unknown>): Json {
  const bare = { ...doc, metadata: { ...doc.metadata, annotations: {} } };
  return { ...doc, metadata: { ...doc.metadata, annotations: { [LAST]: lastApplied(bare) } } };
}
function liveOf(doc: { metadata: Record<string, unknown> } & Record<string, unknown>, extra: (o: Record<string, unknown>) => void): Json {
  const live = structuredClone(modifiedOf(doc)) as Record<string, unknown>;
  extra(live);
  return live as Json;
}
const patchOf = (kind: string, before: ReturnType<typeof podV1>, after: ReturnType<typeof podV1>, live: Json) =>
  goJson(
    threeWayPatch(
      kind,
      JSON.parse(lastApplied({ ...before, metadata: { ...before.metadata, annotations: {} } })) as Json,
      modifiedOf(after),
      live,
    ),
  );

function podV1() {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { finalizers: ["example.com/a", "example.com/b"], labels: { app: "p5" }, name: "p5", namespace: "shop" } as Record<
      string,
      unknown
    >,
    spec: {
      containers: [
        { env: [{ name: "X", value: "1" }], image: "nginx:1.27", name: "a", ports: [{ containerPort: 80 }, { containerPort: 443 }] },
        { command: ["sleep", "1"], image: "busybox", name: "b" },
      ],
    } as Record<string, unknown>,
  };
}

describe("threeWayPatch (CreateThreeWayMergePatch)", () => {
  it("deletes list items by merge key, reorders, and deletes from primitive lists as real kubectl does", () => {
    const v1 = podV1();
    const v2 = podV1();
    v2.metadata.finalizers = ["example.com/c", "example.com/a"];
    v2.spec.containers = [
      { command: ["sleep", "1"], image: "busybox", name: "b" },
      {
        env: [
          { name: "YY", value: "2" },
          { name: "X", value: "1" },
        ],
        image: "nginx:1.27",
        name: "a",
        ports: [{ containerPort: 443 }, { containerPort: 8443 }],
      },
    ];
    const live = liveOf(v1, (o) => {
      const spec = o.spec as { containers: Record<string, unknown>[] };
      spec.containers[0].ports = [
        { containerPort: 80, protocol: "TCP" },
        { containerPort: 443, protocol: "TCP" },
      ];
      spec.containers[0].imagePullPolicy = "IfNotPresent";
      (o.metadata as Record<string, unknown>).uid = "015d894d-03bd-43b7-b428-51e6a4bba2fd";
    });
    // captured from real kubectl v1.32.3 -v=9
    const real =
      '{"metadata":{"$deleteFromPrimitiveList/finalizers":["example.com/b"],"$setElementOrder/finalizers":["example.com/c","example.com/a"],"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\\"apiVersion\\":\\"v1\\",\\"kind\\":\\"Pod\\",\\"metadata\\":{\\"annotations\\":{},\\"finalizers\\":[\\"example.com/c\\",\\"example.com/a\\"],\\"labels\\":{\\"app\\":\\"p5\\"},\\"name\\":\\"p5\\",\\"namespace\\":\\"shop\\"},\\"spec\\":{\\"containers\\":[{\\"command\\":[\\"sleep\\",\\"1\\"],\\"image\\":\\"busybox\\",\\"name\\":\\"b\\"},{\\"env\\":[{\\"name\\":\\"YY\\",\\"value\\":\\"2\\"},{\\"name\\":\\"X\\",\\"value\\":\\"1\\"}],\\"image\\":\\"nginx:1.27\\",\\"name\\":\\"a\\",\\"ports\\":[{\\"containerPort\\":443},{\\"containerPort\\":8443}]}]}}\\n"},"finalizers":["example.com/c"]},"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}],"containers":[{"$setElementOrder/env":[{"name":"YY"},{"name":"X"}],"$setElementOrder/ports":[{"containerPort":443},{"containerPort":8443}],"env":[{"name":"YY","value":"2"}],"name":"a","ports":[{"containerPort":8443},{"$patch":"delete","containerPort":80}]}]}}';
    expect(patchOf("Pod", v1, v2, live)).toBe(real);
  });

  it("merges a deletion inside an item with the item's reordering, and names the kept keys of a retainKeys map", () => {
    const v1 = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { labels: { app: "api", tier: "back" }, name: "api", namespace: "shop" } as Record<string, unknown>,
      spec: {
        strategy: { rollingUpdate: { maxSurge: 1 }, type: "RollingUpdate" },
        template: {
          spec: {
            containers: [
              {
                env: [
                  { name: "MODE", value: "fast" },
                  { name: "LEVEL", value: "2" },
                ],
                image: "nginx:1.27",
                name: "api",
              },
              { image: "busybox:1.36", name: "sidecar" },
            ],
          },
        },
      } as Record<string, unknown>,
    };
    const v2 = structuredClone(v1);
    v2.metadata.labels = { app: "api" };
    v2.spec = {
      strategy: { type: "Recreate" },
      template: { spec: { containers: [{ env: [{ name: "LEVEL", value: "2" }], image: "nginx:1.27", name: "api" }] } },
    };
    const live = liveOf(v1, (o) => {
      (o.spec as { strategy: unknown }).strategy = { rollingUpdate: { maxSurge: 1, maxUnavailable: "25%" }, type: "RollingUpdate" };
    });
    const patch = JSON.parse(patchOf("Deployment", v1, v2, live)) as { metadata: unknown; spec: unknown };
    // captured from real kubectl v1.32.3 -v=9 (the annotation aside)
    expect(goJson(patch.spec as Json)).toBe(
      '{"strategy":{"$retainKeys":["type"],"rollingUpdate":null,"type":"Recreate"},"template":{"spec":{"$setElementOrder/containers":[{"name":"api"}],"containers":[{"$setElementOrder/env":[{"name":"LEVEL"}],"env":[{"$patch":"delete","name":"MODE"}],"name":"api"},{"$patch":"delete","name":"sidecar"}]}}}',
    );
    expect(goJson((patch.metadata as { labels: Json }).labels)).toBe('{"tier":null}');
  });

  it("is {} for a re-applied manifest whose live object only gained defaults and server-side fields", () => {
    const svc = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "s2", namespace: "shop" } as Record<string, unknown>,
      spec: {
        ports: [
          { name: "http", port: 80, targetPort: 8080 },
          { name: "https", port: 443 },
        ],
        selector: { app: "x" },
      } as Record<string, unknown>,
    };
    const live = liveOf(svc, (o) => {
      const spec = o.spec as Record<string, unknown>;
      spec.ports = [
        { name: "http", port: 80, protocol: "TCP", targetPort: 8080 },
        { name: "https", port: 443, protocol: "TCP", targetPort: 443 },
      ];
      spec.clusterIP = "10.96.0.20";
      spec.type = "ClusterIP";
    });
    // real kubectl sent no PATCH and printed "service/s2 unchanged"
    expect(patchOf("Service", svc, svc, live)).toBe("{}");
  });

  it("is not {} when the manifest holds a field the live object never shows (a Secret's stringData)", () => {
    const secret = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "s3", namespace: "shop" } as Record<string, unknown>,
      stringData: { a: "b" },
    } as unknown as ReturnType<typeof podV1>;
    const live = liveOf(secret, (o) => {
      delete o.stringData;
      o.data = { a: "Yg==" };
      o.type = "Opaque";
    });
    // captured from real kubectl v1.32.3 -v=9 ("secret/s3 configured")
    expect(patchOf("Secret", secret, secret, live)).toBe('{"stringData":{"a":"b"}}');
  });
});
