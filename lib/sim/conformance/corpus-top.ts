/**
 * The top session of the conformance corpus: kubectl top node and pod against metrics-server's
 * metrics.k8s.io (baseline version 3), every printer flag, a pod too young for metrics, a busy
 * loop, and the raw NodeMetrics/PodMetrics through get, with real kubectl v1.32 against sim:api
 * as the judge.
 */
import type { Session, Step } from "./corpus";

const k = (line: string, extra: Omit<Step, "line"> = {}): Step => ({ line: `kubectl ${line}`, ...extra });

/** an autoscaling/v2 HPA on a Deployment at 80% cpu (sim:api serves autoscaling/v2 only, so not `kubectl autoscale`, which posts v1) */
const hpa = (name: string, min: number, max: number) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${name}
  minReplicas: ${min}
  maxReplicas: ${max}
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 80
`;

export const TOP: Session = {
  name: "top",
  steps: [
    k("get apiservice v1beta1.metrics.k8s.io"),
    k("top node"),
    k("top nodes --no-headers"),
    k("top node node01"),
    k("top node --show-capacity"),
    k("top node --sort-by=memory"),
    k("top node -l node-role.kubernetes.io/control-plane"),
    k("top node nosuch"),
    k("top pod"),
    k("top pod -A"),
    k("top pod -n kube-system"),
    k("top pod -n kube-system --containers"),
    k("top pod -A --sum"),
    k("top pod -A --sum --no-headers"),
    k("top pod -n kube-system --sum --containers"),
    k("top pod -n kube-system -l k8s-app=kube-dns"),
    k("top pod -A --sort-by=memory"),
    k("top pod -n kube-system etcd-controlplane"),
    k("top pod -n kube-system etcd-controlplane --containers"),
    k("top pod -n kube-system --field-selector metadata.name=etcd-controlplane"),
    k("top pod --sort-by=disk"),
    k("top pod a -l x=y"),
    // real kubectl ages a pod by the machine's clock (top_pod.go checkPodAge): ten minutes ahead, the new
    // pod is young to both sides however long the suite has run, so both say "metrics not available yet"
    k("run spin --image=busybox -- sh -c 'while true; do :; done'", { advanceClockMs: 10 * 60_000 }),
    k("top pod"),
    k("top pod", { advanceClockMs: 60_000 }),
    k("top pod spin --containers"),
    k("top node node01"),
    k("get nodes.metrics.k8s.io"),
    k("get pods.metrics.k8s.io -n kube-system -l k8s-app=kube-dns"),
    k("get pods.metrics.k8s.io spin -o json"),
    // the HPA controller on those metrics: TARGETS (printers.go formatHPAMetrics) and describe
    k("create deployment spin --image=busybox -- sh -c 'while true; do :; done'"),
    k("set resources deployment spin --requests=cpu=100m"),
    k("apply -f -", { stdin: hpa("spin", 1, 3) }),
    k("create deployment web --image=nginx"),
    k("apply -f -", { stdin: hpa("web", 1, 2) }),
    k("get hpa", { advanceClockMs: 180_000 }),
    k("get hpa -o wide"),
    k("describe hpa spin"),
    k("describe hpa web"),
    k("get hpa spin -o jsonpath={.status.currentMetrics}"),
    k("delete apiservice v1beta1.metrics.k8s.io"),
    k("top pod", { coldCache: true }),
  ],
};
