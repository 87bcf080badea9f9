/**
 * The rollout session of the conformance corpus: a Deployment's revisions as learners walk them
 * (`rollout history --revision`, `undo --to-revision`, pause and resume, restart), `scale` with
 * its preconditions and usage errors, `expose` of a ReplicaSet, RBAC generators with
 * `--resource-name`, the PreferNoSchedule and NoExecute taints, and a drain through the eviction
 * subresource under a PodDisruptionBudget, with real kubectl v1.32 against sim:api as the judge.
 */
import type { Session, Step } from "./corpus";

const k = (line: string, extra: Omit<Step, "line"> = {}): Step => ({ line: `kubectl ${line}`, ...extra });

/** The ReplicaSet of revision 1 (image nginx:1.27): its pod-template-hash is computed as the deployment controller does, the same on both sides. */
const RS_V1 = "web-5c94f75b5d";

export const ROLLOUTS: Session = {
  name: "rollouts",
  steps: [
    k("create deployment web --image=nginx:1.27 --replicas=2"),
    k("get deploy web", { advanceClockMs: 30_000 }),
    k("set image deploy/web nginx=nginx:1.28"),
    k("rollout status deploy/web --watch=false", { advanceClockMs: 30_000 }),
    k("rollout history deploy/web"),
    k("rollout history deploy/web --revision=1"),
    k("rollout history deploy/web --revision=2 -o jsonpath={.spec.containers[0].image}"),
    k("rollout history deploy/web --revision=7"),
    k("rollout undo deploy/web --to-revision=7"),
    k("rollout undo deploy/web --to-revision=1 --dry-run=client"),
    k("rollout undo deploy/web --to-revision=1"),
    k("get rs", { advanceClockMs: 30_000 }),
    k("rollout history deploy/web"),
    k("get deploy web -o jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}"),
    k("expose rs " + RS_V1 + " --port=80 --dry-run=client -o yaml"),
    k("expose rs " + RS_V1 + " --port=80 --target-port=8080 --name=web-v1"),
    k("get svc web-v1 -o jsonpath={.spec.selector}"),
    k("rollout pause deploy/web"),
    k("rollout pause deploy/web"),
    k("set image deploy/web nginx=nginx:1.26"),
    k("get rs", { advanceClockMs: 30_000 }),
    k("rollout status deploy/web --watch=false"),
    k("rollout undo deploy/web"),
    k("rollout restart deploy/web"),
    k("rollout resume deploy/web"),
    k("rollout resume deploy/web"),
    k("get rs", { advanceClockMs: 30_000 }),
    k("rollout restart deploy/web"),
    k("get deploy web", { advanceClockMs: 30_000 }),
    k("rollout history deploy/web"),
    k("scale deploy web --replicas=4"),
    k("scale deploy web --current-replicas=2 --replicas=3"),
    k("scale deploy/web --replicas=-1"),
    k("scale deploy web"),
    k("scale deploy nosuch --replicas=1"),
    k("get deploy web", { advanceClockMs: 20_000 }),
    k("rollout undo deploy/nosuch"),
    k("rollout history deploy/nosuch"),
    // RBAC generators with --resource-name (create_role.go), created and described
    k(
      "create role pod-reader --verb=get,watch --resource=pods,deployments.apps --resource-name=a --resource-name=b --dry-run=client -o yaml",
    ),
    k("create role pod-reader --verb=get --resource=pods --resource-name=web"),
    k("describe role pod-reader"),
    k("create clusterrole node-reader --verb=get --resource=nodes --resource-name=node01"),
    k("describe clusterrole node-reader"),
    k("create role bad --verb=list --resource=pods --resource-name=x"),
    // the two other taint effects; NoExecute evicts what does not tolerate it (the taint manager)
    k("taint nodes node01 spot=yes:PreferNoSchedule"),
    k("taint nodes node01 spot=yes:NoExecute"),
    k("get node node01 -o jsonpath={.spec.taints[*].effect}"),
    // restartedAt is the client's clock (real kubectl's differs), so the pod names differ: their places and ages do not
    k("get pods -o custom-columns=PHASE:.status.phase,NODE:.spec.nodeName,IP:.status.podIP,START:.status.startTime", {
      advanceClockMs: 15_000,
    }),
    k("taint nodes node01 spot:NoExecute-"),
    k("get node node01 -o jsonpath={.spec.taints[*].effect}"),
    k("taint nodes node01 spot-"),
    k("taint nodes node01 spot-"),
    // a drain that succeeds, through the eviction subresource, with a budget that allows it (one pod:
    // real kubectl evicts pods concurrently, so several would print in no fixed order)
    k("create deployment solo --image=nginx:1.27"),
    k("create pdb solo --selector=app=solo --max-unavailable=1"),
    k("get pdb solo", { advanceClockMs: 20_000 }),
    k("describe pdb solo"),
    k("get pdb solo -o jsonpath={.status.conditions[0].reason}"),
    k("drain node01 --ignore-daemonsets --pod-selector=app=solo"),
    k("get pods -l app=solo -o wide"),
    k("get pdb solo"),
    k("uncordon node01"),
    k("get pods -l app=solo -o wide", { advanceClockMs: 20_000 }),
    // the TokenRequest subresource: the same request path mints the same token on both sides
    k("create token default --duration=2h"),
    k("create token default -o jsonpath={.spec.expirationSeconds}/{.spec.audiences}/{.status.expirationTimestamp}"),
    k("create token default --duration=5m"),
    k("create token nosuch"),
    k("get pods -o custom-columns=PHASE:.status.phase,NODE:.spec.nodeName,IP:.status.podIP,START:.status.startTime", {
      advanceClockMs: 30_000,
    }),
  ],
};
