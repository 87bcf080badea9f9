/**
 * Test support: builders for realistic objects (as a v1.32 cluster stores them) and the clock
 * the tests use. Times are whole seconds; `NOW` is the real time at load, so the ages real
 * kubectl computes (from its own clock, seconds later) print the same as ours when the tests
 * use ages of ten minutes or more (printed without seconds).
 */
import type { GroupResource, KObject, ObjectMeta } from "../../api/types";
import type { StrategyContext } from "../types";
import { errorString, type FieldError } from "../../api/field";

export let NOW = Math.floor(Date.now() / 1000) * 1000;

/**
 * A new `NOW` for the next test file. Unit files share their worker's modules (vitest.config.ts,
 * isolate: false), so this module is loaded once per worker: without this, a file run minutes
 * after the first would build its objects at a stale `NOW` while real kubectl reads the real
 * clock. vitest's setup file (lib/sim/kinds/__tests__/setup-clock.ts) calls it before each file.
 */
export function resetNow(): void {
  NOW = Math.floor(Date.now() / 1000) * 1000;
}
export const ago = (ms: number): string => new Date(NOW - ms).toISOString().replace(/\.\d{3}Z$/, "Z");
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

let uidCounter = 0;
/** A valid RFC 4122 v4 uid, deterministic per test run. */
export function uid(): string {
  uidCounter++;
  const hex = uidCounter.toString(16).padStart(12, "0");
  return `6f1c2a9e-4b3d-4e5f-9a7b-${hex}`;
}

export function meta(name: string, namespace: string | undefined, createdAgo: number, extra: Partial<ObjectMeta> = {}): ObjectMeta {
  return {
    name,
    ...(namespace ? { namespace } : {}),
    uid: uid(),
    resourceVersion: String(1000 + uidCounter),
    creationTimestamp: ago(createdAgo),
    ...extra,
  };
}

export function obj<T extends object>(apiVersion: string, kind: string, metadata: ObjectMeta, rest: T): KObject & T {
  return { apiVersion, kind, metadata, ...rest };
}

export function ownerRef(owner: KObject): NonNullable<ObjectMeta["ownerReferences"]>[number] {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** A core/v1 Event about `about`, as kubelet or a controller records it. */
export function event(
  about: KObject,
  e: { type?: string; reason: string; message: string; component: string; first: number; last?: number; count?: number },
): KObject {
  const name = `${about.metadata.name}.${(0x17c0a0b0c0d0e0f0 + uidCounter).toString(16).slice(0, 16)}`;
  return obj("v1", "Event", meta(name, about.metadata.namespace ?? "default", e.first), {
    involvedObject: {
      kind: about.kind,
      namespace: about.metadata.namespace,
      name: about.metadata.name,
      uid: about.metadata.uid,
      apiVersion: about.apiVersion,
      resourceVersion: about.metadata.resourceVersion,
    },
    reason: e.reason,
    message: e.message,
    source: { component: e.component },
    firstTimestamp: ago(e.first),
    lastTimestamp: ago(e.last ?? e.first),
    count: e.count ?? 1,
    type: e.type ?? "Normal",
    eventTime: null,
    reportingComponent: e.component,
    reportingInstance: "",
  });
}

/** The Status message lines of a validation result, as apierrors.NewInvalid joins them. */
export const messages = (errs: FieldError[]): string[] => errs.map(errorString);

/** A StrategyContext for validation and strategy tests (a kubeadm cluster's networks, the test clock). */
export function strategyContext(objects: KObject[] = []): StrategyContext {
  const list = (gr: GroupResource, ns?: string) =>
    objects.filter((o) => {
      const group = o.apiVersion.includes("/") ? o.apiVersion.split("/")[0] : "";
      const k = o.kind.toLowerCase();
      const plural = k.endsWith("s") ? `${k}es` : k.endsWith("y") ? `${k.slice(0, -1)}ies` : `${k}s`;
      return group === gr.group && plural === gr.resource && (ns === undefined || o.metadata.namespace === ns);
    });
  return {
    user: { username: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:authenticated"] },
    now: NOW,
    random: () => 0.5,
    objects: { get: (gr, ns, name) => list(gr, ns).find((o) => o.metadata.name === name), list },
    cluster: { serviceSubnet: "10.96.0.0/12", nodePortRange: [30000, 32767], podSubnet: "10.244.0.0/16", dnsDomain: "cluster.local" },
  };
}
