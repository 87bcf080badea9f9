/**
 * A learner's command line with its personal parts stripped, so that the lab analytics can count
 * "the same command" across learners and an author sees where people get stuck:
 *
 *   kubectl create deployment web --image=nginx:1.27  →  kubectl create deployment <name> --image=<value>
 *
 * Kept: command names, the subcommands of the tools the courses teach (a fixed vocabulary per
 * tool, below), flag names, shell operators and redirections. Replaced by a placeholder: every
 * other argument (names, file names, quoted strings, numbers, variables), flag values, and
 * here-document bodies (only the `<<` stays). Comments are dropped.
 *
 * Pure and total: any string gives a string (at most MAX_NORMALIZED_CHARS), never a throw. It does
 * not have to parse like bash; it has to map what learners type to a few stable shapes.
 */

export const MAX_NORMALIZED_CHARS = 300;

const KUBE_RESOURCES =
  "all pod pods po deployment deployments deploy service services svc node nodes no namespace namespaces ns configmap configmaps cm " +
  "secret secrets csr certificatesigningrequest certificatesigningrequests role roles rolebinding rolebindings clusterrole " +
  "clusterroles clusterrolebinding clusterrolebindings serviceaccount serviceaccounts sa job jobs cronjob cronjobs cj replicaset " +
  "replicasets rs daemonset daemonsets ds statefulset statefulsets sts endpoints ep endpointslices event events ev ingress " +
  "ingresses ing pv pvc persistentvolume persistentvolumes persistentvolumeclaim persistentvolumeclaims lease leases " +
  "networkpolicy networkpolicies netpol storageclass storageclasses sc resourcequota quota limitrange limits priorityclass " +
  "poddisruptionbudget pdb generic tls docker-registry clusterip nodeport loadbalancer externalname token";
const KUBECTL =
  "get describe create apply delete edit patch replace label annotate logs exec run expose scale rollout set auth can-i whoami " +
  "reconcile certificate approve deny config view use-context get-contexts current-context set-context set-credentials " +
  "set-cluster delete-context cluster-info dump top cordon uncordon drain taint explain version api-resources api-versions " +
  "port-forward proxy cp wait diff debug attach autoscale status history undo restart pause resume image env resources " +
  "selector subject kustomize completion list " +
  KUBE_RESOURCES;
const VOCABULARY: Record<string, string> = {
  kubectl: KUBECTL,
  k: KUBECTL,
  kubeadm:
    "init join reset upgrade certs check-expiration renew all apiserver apiserver-kubelet-client apiserver-etcd-client " +
    "front-proxy-client etcd-server etcd-peer etcd-healthcheck-client admin.conf super-admin.conf controller-manager.conf " +
    "scheduler.conf kubelet.conf certificate-key generate-csr kubeconfig user token create list delete generate config print " +
    "init-defaults join-defaults images pull phase version apply plan node kubelet-finalize upload-certs",
  openssl:
    "x509 req genrsa genpkey rsa ec ecparam verify s_client s_server ca dgst enc base64 pkey pkeyutl pkcs12 rand version crl " +
    "asn1parse list speed",
  etcdctl: "endpoint health status snapshot save restore member list get put del version alarm compaction defrag",
  crictl: "ps pods logs inspect inspectp images info exec rm rmp stop stopp version stats",
  systemctl: "status restart start stop enable disable daemon-reload is-active is-enabled cat list-units reload",
  git: "status log diff add commit push pull clone checkout",
};
const VOCAB_SETS = new Map(Object.entries(VOCABULARY).map(([tool, words]) => [tool, new Set(words.split(" "))]));
/** Tools whose object arguments are Kubernetes-style names: shown as `<name>`, elsewhere `<arg>`. */
const NAMED_TOOLS = new Set(["kubectl", "k", "kubeadm", "etcdctl", "crictl", "systemctl"]);
/** Flags that take no value, so the word after them is an argument of its own. */
const BOOLEAN_FLAGS = new Set(
  (
    "-A --all-namespaces --all -w --watch --show-labels --overwrite --now --force --recursive -R --help -h --version -v " +
    "-noout -text -nodes -showcerts -pubkey -modulus -new -x509 -verify -batch -subject -issuer -dates -enddate -startdate " +
    "-serial -fingerprint -purpose -ext -brief -noenc -quiet -rm -it -i -t -f- --stdin --tty -l -a -la -al -lh -n1 -r -e " +
    "-c -q -s -x -y -z --no-headers --ignore-not-found --wait --insecure-skip-tls-verify -k --insecure -L -I -sS -sk -vvv"
  ).split(" "),
);
/** Long flags of kubectl that take no value (pflag booleans, or NoOptDefVal flags that never take the next word). */
const KUBECTL_BOOLEAN_FLAGS = new Set(
  (
    "--rm --previous --containers --ignore-daemonsets --delete-emptydir-data --minify --flatten --show-kind --local --record " +
    "--dry-run --validate --embed-certs --server-side --list --quiet --show-managed-fields --all-containers --timestamps " +
    "--follow --watch-only --no-headers --overwrite --force --now --stdin --tty --recursive --all-namespaces --all --show-labels"
  ).split(" "),
);
/**
 * kubectl's one-letter flags that take a value (-o output, -n namespace, -l selector, -f filename,
 * -c container, -p patch, -k kustomize dir, -L label columns, -s server, -v verbosity). pflag reads
 * `-o wide`, `-owide` and `-o=wide` alike, so all three normalise to `-o <value>`.
 */
const KUBECTL_SHORT_VALUE_FLAGS = new Set("o n l f c p k L s v".split(" "));
/** ...except where a verb gives the letter another meaning: `kubectl logs -f` follows, `-p` is --previous. */
const KUBECTL_VERB_SHORT_BOOLEANS: Record<string, Set<string>> = { logs: new Set(["f", "p"]) };
// Any other flag without `=` takes the next word as its value (`-n kube-system`, `-o yaml`, `-in ca.crt`),
// unless that word is itself a flag: `kubectl config view --raw -o yaml` has two flags.

type Token = { kind: "word"; text: string; quoted: boolean } | { kind: "op"; text: string };

const OPERATORS = ["<<<", "<<-", "&&", "||", ">>", "2>>", "2>&1", ">&", "&>", "2>", "<<", "|", ";", "&", "<", ">", "(", ")"];

/** Splits one physical line into words and operators; records here-document delimiters it opens. */
function tokenize(line: string, heredocs: string[]): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    if (c === "#") break; // a comment (at a word start)
    const op = OPERATORS.find((o) => line.startsWith(o, i) && !(o.startsWith("2") && i > 0 && !/\s/.test(line[i - 1])));
    if (op) {
      out.push({ kind: "op", text: op });
      i += op.length;
      if (op === "<<" || op === "<<-") {
        const m = /^\s*(['"]?)([^\s'"|;&<>()]+)\1/.exec(line.slice(i));
        if (m) {
          heredocs.push(m[2]);
          i += m[0].length;
        }
      }
      continue;
    }
    let text = "";
    let quoted = false;
    while (i < line.length && !/[\s|;&<>()]/.test(line[i])) {
      const ch = line[i];
      if (ch === "'" || ch === '"') {
        quoted = true;
        const end = line.indexOf(ch, i + 1);
        const stop = end < 0 ? line.length : end;
        text += line.slice(i + 1, stop);
        i = stop + 1;
      } else if (ch === "\\" && i + 1 < line.length) {
        text += line[i + 1];
        i += 2;
      } else {
        text += ch;
        i++;
      }
    }
    out.push({ kind: "word", text, quoted });
  }
  return out;
}

/** A flag as its program sees it, quotes or not (`--raw='/readyz?verbose'`), but not a quoted phrase (`'-n hello'`). */
const isFlag = (w: { text: string }) => /^--?[A-Za-z][A-Za-z0-9-]*(=|$)/.test(w.text);

/** kubectl's `-oVALUE` / `-o=VALUE` / `-o`: the flag's shape, and whether the next word is its value. */
function kubectlShortFlag(text: string, verb: string): { shape: string; takesValue: boolean } | null {
  const m = /^-([A-Za-z])(.*)$/s.exec(text);
  if (!m || !KUBECTL_SHORT_VALUE_FLAGS.has(m[1])) return null;
  if (KUBECTL_VERB_SHORT_BOOLEANS[verb]?.has(m[1])) return { shape: text, takesValue: false };
  return m[2] === "" ? { shape: `-${m[1]}`, takesValue: true } : { shape: `-${m[1]} <value>`, takesValue: false };
}

function placeholder(word: { text: string; quoted: boolean }, named: boolean): string {
  if (word.quoted) return "<string>";
  if (/[$`]/.test(word.text)) return "<var>";
  if (/^-?\d+(\.\d+)?[a-z]{0,2}$/i.test(word.text)) return "<number>";
  if (/[/~]/.test(word.text) || /\.[a-z0-9]{1,5}$/i.test(word.text)) return "<file>";
  return named ? "<name>" : "<arg>";
}

type Word = { text: string; quoted: boolean; op?: string; redirectTarget?: boolean };

/** One simple command: its words, with redirections (`op`) and their targets in place. */
function simpleCommand(words: Word[]): string[] {
  const out: string[] = [];
  let i = 0;
  // leading VAR=value assignments
  while (i < words.length && !words[i].op && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i].text) && !words[i].quoted) {
    out.push(`${words[i].text.split("=")[0]}=<value>`);
    i++;
  }
  let name = "";
  /** kubectl's verb (its first vocabulary word), for the letters whose meaning depends on it */
  let verb = "";
  let takesValue = false;
  for (; i < words.length; i++) {
    const w = words[i];
    if (w.op) {
      out.push(w.op);
      takesValue = false;
      continue;
    }
    if (w.redirectTarget) {
      out.push(/^&?\d$/.test(w.text) ? w.text : w.quoted ? "<string>" : "<file>");
      continue;
    }
    if (!name) {
      name = w.quoted || /[$`]/.test(w.text) ? placeholder(w, false) : (w.text.split("/").pop() ?? "") || "<arg>";
      out.push(name);
      continue;
    }
    const flag = isFlag(w);
    if (takesValue && !flag) {
      out.push("<value>");
      takesValue = false;
      continue;
    }
    const kubectl = name === "kubectl" || name === "k";
    const short = kubectl && flag ? kubectlShortFlag(w.text, verb) : null;
    if (short) {
      out.push(short.shape);
      takesValue = short.takesValue;
      continue;
    }
    const shape = argument(name, w);
    out.push(shape);
    if (kubectl && !verb && !flag && VOCAB_SETS.get(name)?.has(shape)) verb = shape;
    takesValue =
      flag &&
      !w.text.includes("=") &&
      !BOOLEAN_FLAGS.has(w.text) &&
      !(kubectl && KUBECTL_BOOLEAN_FLAGS.has(w.text)) &&
      !NO_FLAG_VALUES.has(name);
  }
  return out;
}

/** Builtins whose dashed words are options without values. */
const NO_FLAG_VALUES = new Set(["export", "set", "echo", "ls", "cat", "rm", "mkdir", "cp", "mv", "history", "unset", "type"]);

function argument(tool: string, w: Word): string {
  const vocab = VOCAB_SETS.get(tool);
  const named = NAMED_TOOLS.has(tool);
  if (isFlag(w)) {
    const eq = w.text.indexOf("=");
    return eq > 0 ? `${w.text.slice(0, eq)}=<value>` : w.text;
  }
  if (w.quoted) return "<string>";
  if (w.text === "-" || w.text === "--") return w.text;
  if ((tool === "export" || tool === "alias" || tool === "env") && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text))
    return `${w.text.split("=")[0]}=<value>`;
  if (vocab?.has(w.text)) return w.text;
  // kubectl's TYPE/NAME: the type is vocabulary, the name is not
  const slash = w.text.indexOf("/");
  if (named && slash > 0 && vocab?.has(w.text.slice(0, slash))) return `${w.text.slice(0, slash)}/<name>`;
  return placeholder(w, named);
}

/** A new line ends a command unless it continues a list or a pipeline. */
function endCommand(parts: string[]): void {
  if (parts.length && ![";", "|", "&&", "||", "&", "("].includes(parts[parts.length - 1])) parts.push(";");
}

const REDIRECTS = new Set([">", ">>", "<", "2>", "2>>", "&>", ">&"]);

export function normalizeCommand(input: string): string {
  const heredocs: string[] = [];
  const parts: string[] = [];
  let pending: string[] = [];
  for (const physical of input.split(/\r?\n/)) {
    if (pending.length > 0) {
      // inside a here-document: its body is dropped, its delimiter line ends it
      if (physical.replace(/^\t+/, "") === pending[0]) pending.shift();
      if (pending.length === 0) endCommand(parts);
      continue;
    }
    if (physical.trim() === "") continue;
    let words: Word[] = [];
    let redirectNext = false;
    const flush = () => {
      if (words.length) parts.push(...simpleCommand(words));
      words = [];
    };
    for (const t of tokenize(physical, heredocs)) {
      if (t.kind === "word") {
        words.push({ text: t.text, quoted: t.quoted, redirectTarget: redirectNext });
        redirectNext = false;
      } else if (t.text === "<<" || t.text === "<<-" || t.text === "<<<" || t.text === "2>&1" || REDIRECTS.has(t.text)) {
        // the here-document's delimiter was consumed by tokenize(); a here-string's word is a string
        words.push({ text: "", quoted: false, op: t.text });
        redirectNext = REDIRECTS.has(t.text) || t.text === "<<<";
      } else {
        flush();
        parts.push(t.text);
      }
    }
    flush();
    pending = heredocs.splice(0);
    if (pending.length === 0) endCommand(parts);
  }
  while (parts.length && parts[parts.length - 1] === ";") parts.pop();
  const text = parts.join(" ").replace(/\( /g, "(").replace(/ \)/g, ")").replace(/ ;/g, ";");
  return text.length > MAX_NORMALIZED_CHARS ? `${text.slice(0, MAX_NORMALIZED_CHARS - 1)}…` : text;
}
