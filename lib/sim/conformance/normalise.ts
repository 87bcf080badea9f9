/**
 * What the conformance suite normalises before comparing, and why. Only what the client computes
 * from its own wall clock, process or binary, or the transport's address, is touched; everything
 * else must be byte-identical. Each rule is documented in KNOWN-DIFFERENCES.md ("Normalisations").
 *
 * 1. version: the oracle binary is kubectl v1.32.3, the simulator's kubectl says v1.32.4 (its
 *    cluster's version). `Client Version:` and the clientVersion object of `version -o json` are
 *    the client's own build, so both sides' are replaced by a marker.
 * 2. server address: real kubectl talks to sim:api at https://127.0.0.1:<port>; the simulated
 *    node's kubeconfig says https://<node ip>:6443. The real side's address is mapped to the node's.
 * 3. describe ages: kubectl describe computes "Age" columns and event intervals ("5m (x2 over 7m)")
 *    from the client's clock (translateTimestampSince(time.Now())), the simulator from the frozen
 *    cluster clock. In the Events table and in a node's Non-terminated Pods table, the age cells
 *    become <age> and the blanks after them (tabwriter padding, which depends on the age's width)
 *    one blank, on both sides.
 * 4. klog headers ("E1130 06:10:46.795514   22572 memcache.go:265] ") carry the client's time and
 *    pid: both become "E<klog> memcache.go:265] ".
 * 6. kubectl diff: the LIVE-<n> and MERGED-<n> directories are os.MkdirTemp names (random
 *    digits) and the `---`/`+++` lines carry the files' mtimes (the client's clock): both become
 *    LIVE-<n>, MERGED-<n> and <mtime>, on both sides.
 * 5. CSR condition lastUpdateTime: `kubectl certificate approve|deny` stamps the condition it adds
 *    with the client's clock (certificates.go: LastUpdateTime: metav1.Now()); in outputs about
 *    CSRs, lastUpdateTime values become <client time> on both sides.
 * 7. kubectl events: its LAST SEEN cells are event_printer.go's getInterval at the client's clock;
 *    the cell (and the padding after it, which depends on its width) becomes "<age> " on both sides.
 * 8. describe limitrange: describeLimitRangeSpec (staging/src/k8s.io/kubectl/pkg/describe/describe.go)
 *    prints one limit item's resources in Go map order (`for k := range set`), which differs from run
 *    to run; within each item (consecutive rows of the same Type), the rows are sorted on both sides.
 */
import type { Outcome } from "./sim-side";

export const CLIENT_VERSION_MARK = "<client version>";

const DURATION = String.raw`(?:<unknown>|<invalid>|\d+(?:y|d|h|m|s)(?:\d+(?:d|h|m|s))?)`;
const AGE_CELL = new RegExp(String.raw`^(\s+\S+\s+\S+\s+)(${DURATION}(?: \(x\d+ over ${DURATION}\))?)(\s+)`);

function ageColumns(text: string): string {
  const lines = text.split("\n");
  let block: "events" | "pods" | undefined;
  return lines
    .map((line) => {
      if (/^Events:/.test(line)) block = "events";
      else if (/^Non-terminated Pods:/.test(line)) block = "pods";
      else if (/^\S/.test(line)) block = undefined;
      if (block === "events") {
        if (/^\s+Type\s+Reason\s+Age\s+From\s+Message/.test(line)) return line.replace(/Age\s+/, "Age ");
        if (/^\s+----\s+------\s+----\s+----\s+-------/.test(line)) return line.replace(/^(\s+----\s+------\s+)----\s+/, "$1---- ");
        return line.replace(AGE_CELL, "$1<age> ");
      }
      if (block === "pods") {
        if (/\sAge$/.test(line)) return line.replace(/\s+Age$/, " Age");
        if (/\s---$/.test(line)) return line.replace(/\s+---$/, " ---");
        return line.replace(new RegExp(String.raw`\s+${DURATION}$`), " <age>");
      }
      return line;
    })
    .join("\n");
}

/** kubectl events' table: LAST SEEN is the first column, the second with -A (NAMESPACE first). */
function eventsAges(text: string, allNamespaces: boolean): string {
  const ns = allNamespaces ? String.raw`(\S+\s+)` : "()";
  const cell = new RegExp(String.raw`^${ns}(?:LAST SEEN|${DURATION}(?: \(x\d+ over ${DURATION}\))?)\s+`, "gm");
  return text.replace(cell, (m: string, pre: string) => `${pre}${m.slice(pre.length).startsWith("LAST SEEN") ? "LAST SEEN" : "<age>"} `);
}

const LIMIT_RANGE_WORD = /^(limits|limitranges?)(\/|$)/;

/** Rows of the limit table after its `----` line, sorted within each run of the same Type. */
function limitRowsSorted(text: string): string {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => /^-{4}\s+-{8}/.test(l)) + 1;
  if (start === 0) return text;
  let i = start;
  while (i < lines.length && lines[i].trim() !== "") {
    const type = lines[i].split(/\s+/)[0];
    let j = i;
    while (j < lines.length && lines[j].trim() !== "" && lines[j].split(/\s+/)[0] === type) j++;
    lines.splice(i, j - i, ...lines.slice(i, j).sort());
    i = j;
  }
  return lines.join("\n");
}

const CSR_WORD = /^(csr|certificatesigningrequests?)(\.certificates\.k8s\.io)?(\/|$)/;

const KLOG = /^([IWEF])\d{4} \d\d:\d\d:\d\d\.\d{6}\s+\d+ ([\w.-]+:\d+\] )/gm;

function both(s: string, argv: string[]): string {
  let out = s.replace(KLOG, "$1<klog> $2");
  if (argv[0] === "describe") out = ageColumns(out);
  if (argv[0] === "describe" && argv.some((a) => LIMIT_RANGE_WORD.test(a))) out = limitRowsSorted(out);
  if (argv[0] === "events" && !argv.some((a) => /^(-o|--output)/.test(a)))
    out = eventsAges(out, argv.includes("-A") || argv.includes("--all-namespaces"));
  if (argv.some((a) => CSR_WORD.test(a))) out = out.replace(/(lastUpdateTime"?: ")[^"]*"/g, '$1<client time>"');
  if (argv[0] === "diff") {
    out = out
      .replace(/\/tmp\/(LIVE|MERGED)-\d+/g, "/tmp/$1-<n>")
      .replace(/\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} [+-]\d{4}$/gm, "\t<mtime>");
  }
  if (argv[0] === "version") {
    out = out.replace(/^Client Version: v\d+\.\d+\.\d+$/m, `Client Version: ${CLIENT_VERSION_MARK}`);
    out = out.replace(/"clientVersion": \{[^}]*\}/, `"clientVersion": "${CLIENT_VERSION_MARK}"`);
  }
  return out;
}

/** The simulator's outcome, normalised. */
export function normaliseSim(o: Outcome, argv: string[]): Outcome {
  return { ...o, stdout: both(o.stdout, argv), stderr: both(o.stderr, argv) };
}

/** Real kubectl's outcome against sim:api at `realServer`, normalised; `simServer` is the node's apiserver URL. */
export function normaliseReal(o: Outcome, argv: string[], realServer: string, simServer: string): Outcome {
  const addr = (s: string) => s.split(realServer).join(simServer);
  return { ...o, stdout: both(addr(o.stdout), argv), stderr: both(addr(o.stderr), argv) };
}
