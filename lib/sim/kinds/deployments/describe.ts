/**
 * describe.go (kubectl v0.32.4) DeploymentDescriber / describeDeployment, with the replica
 * sets found as kubectl/pkg/util/deployment GetAllReplicaSetsInChunks finds them: owned
 * replica sets matching the selector, oldest first, the new one being the first whose
 * template equals the deployment's ignoring pod-template-hash.
 */
import type { DescribeContext } from "../types";
import type { PodTemplateSpec } from "../_shared/core-types";
import { formatRFC1123Z, printAnnotationsMultiline, printLabelsMultiline } from "../_shared/describe-helpers";
import { describeEventsFor } from "../_shared/events";
import { selectorMatches, selectorString } from "../_shared/labels";
import { describePodTemplate } from "../_shared/pod-template-describe";
import { LEVEL_0, LEVEL_1, PrefixWriter } from "../_shared/prefix-writer";
import { parseTime } from "../_shared/describe-helpers";
import { clone, semanticEqual } from "../_shared/semantic";
import { intOrStringString } from "../_shared/intstr";
import { isControlledBy } from "../_shared/workloads";
import type { ReplicaSet } from "../replicasets/types";
import type { Deployment } from "./types";

function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  const [x, y] = [clone(a ?? {}), clone(b ?? {})];
  delete x.metadata?.labels?.["pod-template-hash"];
  delete y.metadata?.labels?.["pod-template-hash"];
  return semanticEqual(x, y);
}

/** The new and the old (non-zero) replica sets of a deployment. */
export function replicaSetsOf(d: Deployment, ctx: DescribeContext): { newRS?: ReplicaSet; oldRSs: ReplicaSet[] } {
  const owned = (ctx.list({ group: "apps", resource: "replicasets" }, d.metadata.namespace) as ReplicaSet[])
    .filter((rs) => selectorMatches(d.spec?.selector, rs.metadata.labels) && isControlledBy(rs, d))
    .sort(
      (a, b) =>
        (parseTime(a.metadata.creationTimestamp) ?? 0) - (parseTime(b.metadata.creationTimestamp) ?? 0) ||
        (a.metadata.name < b.metadata.name ? -1 : 1),
    );
  const newRS = owned.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
  const oldRSs = owned.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid && (rs.spec?.replicas ?? 0) !== 0);
  return { newRS, oldRSs };
}

const rsList = (rss: ReplicaSet[]): string =>
  rss.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(", ") || "<none>";

export function describeDeployment(d: Deployment, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const spec = d.spec ?? {};
  const st = d.status ?? {};
  const sel = selectorString(spec.selector);
  w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace ?? ""}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(d.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, "Labels", d.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", d.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${typeof sel === "string" ? sel : ""}\n`);
  w.write(
    LEVEL_0,
    `Replicas:\t${spec.replicas ?? 0} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(LEVEL_0, `StrategyType:\t${spec.strategy?.type ?? ""}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru)
    w.write(
      LEVEL_0,
      `RollingUpdateStrategy:\t${intOrStringString(ru.maxUnavailable)} max unavailable, ${intOrStringString(ru.maxSurge)} max surge\n`,
    );
  describePodTemplate(spec.template, w);
  if (st.conditions?.length) {
    w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tReason\n");
    w.write(LEVEL_1, "----\t------\t------\n");
    for (const c of st.conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ""}\n`);
  }
  const { newRS, oldRSs } = replicaSetsOf(d, ctx);
  if (oldRSs.length || newRS) {
    w.write(LEVEL_0, `OldReplicaSets:\t${rsList(oldRSs)}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${rsList(newRS ? [newRS] : [])}\n`);
  }
  describeEventsFor(d, ctx, w);
  return w.toString();
}
