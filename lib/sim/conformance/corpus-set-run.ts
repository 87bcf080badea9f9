/**
 * The server side of `kubectl set selector`, `kubectl set subject` and `kubectl run --overrides`
 * (their client-side outputs are judged in commands/kubectl/set-local.test.ts and
 * run-overrides.test.ts): the patches, --all, --resource-version, --dry-run=server, the created
 * pod with its overrides, and their errors from the server.
 */
import type { Session, Step } from "./corpus";

const k = (line: string, extra: Omit<Step, "line"> = {}): Step => ({ line: `kubectl ${line}`, ...extra });

export const SET_RUN: Session = {
  name: "set-run",
  steps: [
    k("create namespace sel"),
    k("create deployment web --image=nginx -n sel"),
    k("expose deployment web --port=80 -n sel"),
    k("create service clusterip other --tcp=80 -n sel"),
    // set selector
    k("set selector svc web app=other -n sel"),
    k("get svc web -n sel -o jsonpath='{.spec.selector}'"),
    k("set selector service/web app=web,tier=fe -n sel -o yaml"),
    k("set selector svc web app=web --resource-version=1 -n sel"),
    k("set selector svc web app=web --dry-run=server -n sel"),
    k("set selector svc web app=x --dry-run=client -n sel"),
    k("set selector svc --all app=web -n sel"),
    k("set selector svc other '' -n sel -o yaml"),
    k("set selector deploy web app=web -n sel"),
    k("set selector svc nosuch app=web -n sel"),
    k("set selector svc web 'tier in (fe)' -n sel"),
    k("set selector svc web"),
    k("set selector"),
    // set subject
    k("create rolebinding admin --clusterrole=admin --user=admin -n sel"),
    k("create clusterrolebinding readers --clusterrole=view --group=readers"),
    k("set subject rolebinding admin --user=jane --group=devs --serviceaccount=:builder -n sel"),
    k("get rolebinding admin -n sel -o yaml"),
    k("set subject rolebinding admin --user=jane -n sel"),
    k("set subject rolebinding/admin --user=bob --dry-run=server -n sel"),
    k("set subject rolebinding admin --user=bob --dry-run=client -o yaml -n sel"),
    k("set subject clusterrolebinding readers --serviceaccount=kube-system:reader"),
    k("set subject clusterrolebinding readers --serviceaccount=:reader"),
    k("set subject clusterrolebinding readers --group=auditors -o name"),
    k("set subject rolebinding --all --user=amy -n sel"),
    k("set subject svc web --user=a -n sel"),
    k("set subject rolebinding nosuch --user=a -n sel"),
    k("set subject rolebinding admin -n sel"),
    k("get clusterrolebinding readers -o yaml"),
    // run --overrides, created on the server
    k(`run pinned --image=nginx -n sel --overrides='{"spec":{"nodeName":"controlplane"}}'`),
    k("get pod pinned -n sel -o jsonpath='{.spec.nodeName}'"),
    k(
      `run tolerant --image=nginx -n sel --overrides='{"spec":{"tolerations":[{"key":"node-role.kubernetes.io/control-plane","operator":"Exists","effect":"NoSchedule"}]}}'`,
    ),
    k(
      `run pair --image=nginx -n sel --override-type=strategic --overrides='{"spec":{"containers":[{"name":"side","image":"busybox","command":["sleep","3600"]}]}}'`,
    ),
    k("get pod pair -n sel -o jsonpath='{.spec.containers[*].name}'"),
    k(`run solo --image=nginx -n sel --overrides='{"spec":{"containers":[{"name":"main","image":"busybox","command":["sleep","3600"]}]}}'`),
    k("get pod solo -n sel -o jsonpath='{.spec.containers[*].name}'"),
    k(`run secure --image=nginx -n sel --overrides='{"spec":{"securityContext":{"runAsUser":1000}}}' -o yaml`),
    k(`run broken --image=nginx -n sel --overrides='{bad'`),
    k(`run broken --image=nginx -n sel --overrides='{"spec":{"restartPolicy":"Sometimes"}}'`),
  ],
};
