/**
 * LimitRanger (plugin/pkg/admission/limitranger): defaults from a LimitRange and its Forbidden
 * refusals, as both kubectls print them (create, apply and run).
 */
import type { Session, Step } from "./corpus";

const k = (line: string, extra: Omit<Step, "line"> = {}): Step => ({ line: `kubectl ${line}`, ...extra });

const LIMITS = `apiVersion: v1
kind: LimitRange
metadata:
  name: limits
  namespace: dev
spec:
  limits:
  - type: Container
    max:
      cpu: "1"
      memory: 1Gi
    min:
      cpu: 50m
    default:
      cpu: 500m
    defaultRequest:
      cpu: 200m
      memory: 64Mi
    maxLimitRequestRatio:
      cpu: "4"
  - type: Pod
    max:
      memory: 1536Mi
`;

const pod = (name: string, resources: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: dev
spec:
  containers:
  - name: app
    image: nginx
    resources:
${resources}`;

export const LIMITS_SESSION: Session = {
  name: "limits",
  steps: [
    k("create namespace dev"),
    k("apply -f limits.yaml", { files: { "limits.yaml": LIMITS } }),
    k("describe limitrange limits -n dev"),
    k("create -f plain.yaml", { files: { "plain.yaml": pod("plain", "      limits:\n        memory: 256Mi\n") } }),
    k("get pod plain -n dev -o jsonpath='{.spec.containers[0].resources} {.metadata.annotations}'"),
    k("create -f big.yaml", { files: { "big.yaml": pod("big", '      limits:\n        cpu: "2"\n        memory: 2Gi\n') } }),
    k("apply -f tiny.yaml", {
      files: { "tiny.yaml": pod("tiny", "      requests:\n        cpu: 10m\n      limits:\n        cpu: 20m\n") },
    }),
    k("run free --image=nginx -n dev"),
    k("get pod free -n dev -o jsonpath='{.spec.containers[0].resources}'"),
    k("get pods -n dev -o name"),
  ],
};
