/**
 * What the workload describers read besides the object (describe.go v0.32.4):
 * getPodStatusForController (pods matching the selector and controlled by the object, counted
 * by phase) and the owned-object checks of metav1.IsControlledBy / GetControllerOf.
 */
import type { KObject } from "../../api/types";
import type { DescribeContext } from "../types";
import type { LabelSelector } from "./core-types";
import { selectorMatches, setMatches } from "./labels";

export interface PodCounts {
  running: number;
  waiting: number;
  succeeded: number;
  failed: number;
}

/** metav1.IsControlledBy: the controller owner reference carries the owner's uid. */
export function isControlledBy(obj: KObject, owner: KObject): boolean {
  return (obj.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === owner.metadata.uid);
}

/** getPodStatusForController with a LabelSelector (ReplicaSet, DaemonSet, StatefulSet) or a map selector (ReplicationController). */
export function podStatusForController(
  ctx: DescribeContext,
  owner: KObject,
  selector: LabelSelector | Record<string, string> | null | undefined,
  isMap = false,
): PodCounts {
  const counts: PodCounts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const pod of ctx.list({ group: "", resource: "pods" }, owner.metadata.namespace)) {
    const labels = pod.metadata.labels;
    const matches = isMap
      ? setMatches((selector ?? undefined) as Record<string, string> | undefined, labels)
      : selectorMatches(selector, labels);
    if (!matches || !isControlledBy(pod, owner)) continue;
    // Unknown (or missing) phases are not counted, as in describe.go
    const phase = (pod as { status?: { phase?: string } }).status?.phase ?? "";
    const key = PHASE_COUNTER[phase];
    if (key) counts[key]++;
  }
  return counts;
}

const PHASE_COUNTER: Record<string, keyof PodCounts | undefined> = {
  Running: "running",
  Pending: "waiting",
  Succeeded: "succeeded",
  Failed: "failed",
};

export const podsStatusLine = (c: PodCounts): string =>
  `${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed`;
