/**
 * The nodes session of the conformance corpus: cordon, uncordon, taint and a drain refused by
 * DaemonSet pods, with real kubectl v1.32 against sim:api as the judge.
 */
import type { Session, Step } from "./corpus";

const k = (line: string, extra: Omit<Step, "line"> = {}): Step => ({ line: `kubectl ${line}`, ...extra });

export const NODES: Session = {
  name: "nodes",
  steps: [
    k("cordon node01"),
    k("cordon node01"),
    k("get nodes"),
    k("get node node01 -o jsonpath={.spec.taints[*].key}"),
    k("uncordon node01"),
    k("uncordon node01"),
    k("drain node01"),
    k("get node node01 -o jsonpath={.spec.unschedulable}"),
    k("uncordon node01"),
    k("taint nodes node01 dedicated=web:NoSchedule"),
    k("taint nodes node01 dedicated=web:NoSchedule"),
    k("get node node01 -o jsonpath={.spec.taints}"),
    k("taint nodes node01 dedicated:NoSchedule-"),
    k("taint nodes node01 dedicated:NoSchedule-"),
    k("taint nodes node01 dedicated=web:Sometimes"),
  ],
};
