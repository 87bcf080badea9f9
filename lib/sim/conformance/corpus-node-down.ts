/**
 * A worker whose kubelet was stopped (`ssh node01 systemctl stop kubelet`), seen from the control
 * plane after the node monitor's grace period (controllers/node-monitor.ts): the NotReady node,
 * its Unknown conditions and unreachable taints, in real kubectl v1.32's tables and describer;
 * then the kubelet started again.
 */
import type { Session, Step } from "./corpus";

const k = (line: string, extra: Omit<Step, "line"> = {}): Step => ({ line: `kubectl ${line}`, ...extra });

export const NODE_DOWN: Session = {
  name: "node-down",
  steps: [
    k("create deployment web --image=nginx --replicas=2"),
    k("get nodes", { shell: ["ssh node01 systemctl stop kubelet"], advanceClockMs: 70_000 }),
    k("get nodes -o wide"),
    k("describe node node01"),
    k("get node node01 -o jsonpath={.spec.taints}"),
    k("get node node01 -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].reason}'"),
    k("get pods -o wide", { advanceClockMs: 310_000 }),
    k("get nodes", { shell: ["ssh node01 systemctl start kubelet"], advanceClockMs: 5_000 }),
    k("get node node01 -o jsonpath={.spec.taints}"),
  ],
};
