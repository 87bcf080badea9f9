import { describe, expect, it } from "vitest";
import { MAX_NORMALIZED_CHARS, normalizeCommand as n } from "./normalize-command";

describe("normalizeCommand", () => {
  it("keeps kubectl's verbs, resource types and flag names, strips names and values", () => {
    expect(n("kubectl create deployment web --image=nginx:1.27")).toBe("kubectl create deployment <name> --image=<value>");
    expect(n("kubectl get pods -n kube-system -o wide")).toBe("kubectl get pods -n <value> -o <value>");
    expect(n("kubectl -n dev get po web-7d9f")).toBe("kubectl -n <value> get po <name>");
    expect(n("kubectl get pods -A --show-labels")).toBe("kubectl get pods -A --show-labels");
    expect(n("kubectl rollout undo deployment/web --to-revision=2")).toBe("kubectl rollout undo deployment/<name> --to-revision=<value>");
    expect(n("kubectl auth can-i list pods --as jane -n dev")).toBe("kubectl auth can-i list pods --as <value> -n <value>");
    expect(n("kubectl certificate approve jane-csr")).toBe("kubectl certificate approve <name>");
    expect(n("kubectl apply -f /tmp/role.yaml")).toBe("kubectl apply -f <value>");
    expect(n("kubectl create secret generic db --from-literal=password=s3cret")).toBe(
      "kubectl create secret generic <name> --from-literal=<value>",
    );
  });

  it("two learners' different names and values give the same shape", () => {
    expect(n("kubectl scale deployment api --replicas=3")).toBe(n("kubectl scale deployment web --replicas=10"));
    expect(n("kubectl logs web-1")).not.toBe(n("kubectl logs web-1 --previous"));
  });

  it("keeps openssl's subcommand and single-dash options, strips files and values", () => {
    expect(n("openssl x509 -in /etc/kubernetes/pki/apiserver.crt -noout -text")).toBe("openssl x509 -in <value> -noout -text");
    expect(n("openssl genrsa -out jane.key 2048")).toBe("openssl genrsa -out <value> <number>");
    expect(n('openssl req -new -key jane.key -subj "/CN=jane/O=dev" -out jane.csr')).toBe(
      "openssl req -new -key <value> -subj <value> -out <value>",
    );
    expect(n("openssl verify -CAfile ca.crt apiserver.crt")).toBe("openssl verify -CAfile <value> <file>");
    expect(n("openssl s_client -connect 10.0.0.10:6443 -showcerts")).toBe("openssl s_client -connect <value> -showcerts");
  });

  it("strips the arguments of shell builtins and keeps variable names of assignments", () => {
    expect(n("cd /etc/kubernetes/pki")).toBe("cd <file>");
    expect(n("export KUBECONFIG=/etc/kubernetes/admin.conf")).toBe("export KUBECONFIG=<value>");
    expect(n("echo 'hello world'")).toBe("echo <string>");
    expect(n("echo $HOME")).toBe("echo <var>");
    expect(n("KUBECONFIG=/tmp/jane.conf kubectl get pods")).toBe("KUBECONFIG=<value> kubectl get pods");
    expect(n("history")).toBe("history");
    expect(n("ls -la /etc/kubernetes/manifests")).toBe("ls -la <file>");
    expect(n("sleep 5")).toBe("sleep <number>");
  });

  it("keeps pipes, lists and redirections, strips their targets", () => {
    expect(n("kubectl get pods | grep web")).toBe("kubectl get pods | grep <arg>");
    expect(n("kubectl get csr -o jsonpath='{.items[0].status}' | base64 -d > jane.crt")).toBe(
      "kubectl get csr -o <value> | base64 -d > <file>",
    );
    expect(n("cat ca.crt && echo ok || echo failed; pwd")).toBe("cat <file> && echo <arg> || echo <arg>; pwd");
    expect(n("kubeadm certs check-expiration 2>&1 | head -n 3")).toBe("kubeadm certs check-expiration 2>&1 | head -n <value>");
    expect(n("openssl x509 -noout -text < apiserver.crt 2> err.log")).toBe("openssl x509 -noout -text < <file> 2> <file>");
    expect(n('grep -c x <<< "$LINE"')).toBe("grep -c <arg> <<< <string>");
  });

  it("drops here-document bodies and delimiters, keeping the commands around them", () => {
    const line = ["cat <<EOF | kubectl apply -f -", "apiVersion: v1", "kind: Namespace", "metadata:", "  name: dev", "EOF"].join("\n");
    expect(n(line)).toBe("cat << | kubectl apply -f <value>");
    const quoted = [
      "cat > /tmp/csr.yaml <<'END'",
      "spec:",
      "  request: $(cat jane.csr | base64)",
      "END",
      "kubectl apply -f /tmp/csr.yaml",
    ].join("\n");
    expect(n(quoted)).toBe("cat > <file> <<; kubectl apply -f <value>");
    const tabbed = ["cat <<-X", "\tbody", "\tX", "echo done"].join("\n");
    expect(n(tabbed)).toBe("cat <<-; echo <arg>");
    // an unterminated here-document swallows the rest, as bash would
    expect(n("cat <<EOF\nsecret stuff")).toBe("cat <<");
  });

  it("strips paths from command names, comments, and keeps kubeadm's and etcdctl's subcommands", () => {
    expect(n("/usr/bin/kubectl version # check the client")).toBe("kubectl version");
    expect(n("kubeadm certs renew apiserver")).toBe("kubeadm certs renew apiserver");
    expect(n("kubeadm kubeconfig user --client-name=jane --org=dev")).toBe("kubeadm kubeconfig user --client-name=<value> --org=<value>");
    expect(n("ETCDCTL_API=3 etcdctl --cacert=/etc/kubernetes/pki/etcd/ca.crt endpoint health")).toBe(
      "ETCDCTL_API=<value> etcdctl --cacert=<value> endpoint health",
    );
    expect(n("crictl logs 3f2a9c")).toBe("crictl logs <name>");
  });

  // Real lines from the courses' lessons and scenarios: kubectl's short flags that take a value
  // (pflag: `-o wide`, `-owide`, `-o=wide` are the same flag) and flags that take none.
  it("reads kubectl's short value flags in every spelling as one shape", () => {
    const wide = "kubectl get pods -o <value>";
    expect(n("kubectl get pods -o wide")).toBe(wide);
    expect(n("kubectl get pods -owide")).toBe(wide);
    expect(n("kubectl get pods -o=wide")).toBe(wide);
    expect(n("kubectl get pods -ojson")).toBe(wide);
    expect(n("kubectl get pods -o jsonpath='{.items[*].metadata.name}'")).toBe(wide);
    expect(n("kubectl get pods -ojsonpath='{.items[*].spec.nodeName}'")).toBe(wide);
    expect(n("kubectl get pods -o jsonpath={.items[0].metadata.name}")).toBe(wide);
    expect(n("kubectl get nodes -o custom-columns=NAME:.metadata.name,TAINTS:.spec.taints")).toBe("kubectl get nodes -o <value>");
    expect(n("kubectl -nkube-system get pods")).toBe("kubectl -n <value> get pods");
    expect(n("kubectl get pods -l app=web -o name")).toBe("kubectl get pods -l <value> -o <value>");
    expect(n("kubectl get pods -lapp=web")).toBe("kubectl get pods -l <value>");
    expect(n("kubectl logs -c app web-1")).toBe("kubectl logs -c <value> <name>");
    expect(n("kubectl logs web-1 -c app --tail 20")).toBe("kubectl logs <name> -c <value> --tail <value>");
    expect(n('kubectl patch deploy web -p \'{"spec":{"replicas":2}}\'')).toBe("kubectl patch deploy <name> -p <value>");
    expect(n("kubectl get pods -v=8")).toBe("kubectl get pods -v <value>");
    // in `kubectl logs`, -f is --follow and -p is --previous
    expect(n("kubectl logs -f web-1")).toBe("kubectl logs -f <name>");
    expect(n("kubectl logs -p web-1 -c app")).toBe("kubectl logs -p <name> -c <value>");
    // combined boolean short flags stay as typed
    expect(n("kubectl exec -it web -- sh")).toBe("kubectl exec -it <name> -- <name>");
    expect(n("kubectl get pods -A -w")).toBe("kubectl get pods -A -w");
  });

  it("never takes a flag for the value of the flag before it", () => {
    // `--raw` takes no value in `config view` and a path in `get --raw`
    expect(n("kubectl config view --raw -o jsonpath='{.clusters[0].cluster.server}'")).toBe("kubectl config view --raw -o <value>");
    expect(n("kubectl config view --raw")).toBe("kubectl config view --raw");
    expect(n("kubectl get --raw /api/v1/namespaces")).toBe("kubectl get --raw <value>");
    expect(n("kubectl get --raw='/readyz?verbose'")).toBe("kubectl get --raw=<value>");
    expect(n("kubectl run tmp --image=busybox --rm -it --restart=Never -- nslookup web")).toBe(
      "kubectl run <name> --image=<value> --rm -it --restart=<value> -- <name> <name>",
    );
    expect(n("kubectl logs web-1 --previous")).toBe("kubectl logs <name> --previous");
    expect(n("kubectl logs --previous web-1")).toBe("kubectl logs --previous <name>");
    expect(n("kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data")).toBe(
      "kubectl drain <name> --ignore-daemonsets --delete-emptydir-data",
    );
    expect(n("kubectl top pods --containers -n dev")).toBe("kubectl top pods --containers -n <value>");
  });

  it("leaves other tools' short flags as they were", () => {
    expect(n("ls -la /etc/kubernetes/manifests")).toBe("ls -la <file>");
    expect(n("grep -c web pods.txt")).toBe("grep -c <arg> <file>");
    expect(n("openssl x509 -in apiserver.crt -noout -subject")).toBe("openssl x509 -in <value> -noout -subject");
  });

  it("is total: odd input gives a bounded string, never a throw", () => {
    for (const odd of ["", "   ", "'unterminated", '"', "|||", "\\", "a\u0000b", "((", "<<", "2>", "x".repeat(10_000)])
      expect(n(odd).length).toBeLessThanOrEqual(MAX_NORMALIZED_CHARS);
    expect(n("")).toBe("");
    expect(n("x".repeat(10_000))).toBe("x".repeat(MAX_NORMALIZED_CHARS - 1) + "…");
  });
});
