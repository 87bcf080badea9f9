/**
 * `kubectl auth whoami|can-i` (staging/src/k8s.io/kubectl/pkg/cmd/auth/whoami.go, cani.go) through
 * the review APIs: SelfSubjectReview, SelfSubjectAccessReview, SelfSubjectRulesReview.
 */
import { selfSubjectAccessReview, selfSubjectReview, selfSubjectRulesReview } from "../../api/reviews";
import type { Status } from "../../api/types";
import { GET_TABWRITER, tabwrite } from "../../printers/tabwriter";
import { policyRuleLines } from "../../printers/rbac-rules";
import { toYaml } from "../../printers/yaml";
import type { CommandContext, ExecResult } from "../../types";
import { type Client, errResult, openClient, statusText } from "./client";
import { boolFlag, firstOperand, flag } from "./flags";
import { flagSpec, helpResult } from "./help";
import { resolveResource } from "./resources";
import { isResult, parseVerb } from "./session";

const isStatus = (x: unknown): x is Status => !!x && typeof x === "object" && (x as Status).kind === "Status";

function who(c: Client) {
  const args = c.session.args;
  const asUser = flag(args, "as");
  const groups = args.flags.get("as-group") ?? [];
  const uid = flag(args, "as-uid");
  return { user: c.user, ...(asUser || groups.length || uid ? { impersonate: { user: asUser, groups, uid } } : {}) };
}

/** Go's json.MarshalIndent of a typed object: struct field order, 4-space indent, HTML escaped. */
function typedJson(v: unknown): string {
  return JSON.stringify(v, null, 4).replace(/[<>&]/g, (ch) => "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0")) + "\n";
}

function whoami(c: Client): ExecResult {
  const u = selfSubjectReview(c.api, who(c));
  if (isStatus(u)) return errResult(statusText(u));
  const out = flag(c.session.args, "output");
  const review = {
    kind: "SelfSubjectReview",
    apiVersion: "authentication.k8s.io/v1",
    metadata: { creationTimestamp: null },
    status: {
      userInfo: { username: u.username, ...(u.uid ? { uid: u.uid } : {}), groups: u.groups, ...(u.extra ? { extra: u.extra } : {}) },
    },
  };
  if (out === "json") return { stdout: typedJson(review), stderr: "", exitCode: 0 };
  if (out === "yaml") return { stdout: toYaml(review), stderr: "", exitCode: 0 };
  const rows = ["ATTRIBUTE\tVALUE", `Username\t${u.username}`];
  if (u.uid) rows.push(`UID\t${u.uid}`);
  if (u.groups.length) rows.push(`Groups\t[${u.groups.join(" ")}]`);
  for (const k of Object.keys(u.extra ?? {}).sort()) rows.push(`Extra: ${k}\t[${(u.extra ?? {})[k].join(" ")}]`);
  return { stdout: tabwrite(rows.join("\n") + "\n", GET_TABWRITER), stderr: "", exitCode: 0 };
}

// cani.go resourceVerbs and nonResourceURLVerbs
const RESOURCE_VERBS = new Set([
  "get",
  "list",
  "watch",
  "create",
  "update",
  "patch",
  "delete",
  "deletecollection",
  "use",
  "bind",
  "impersonate",
  "*",
  "approve",
  "sign",
  "escalate",
  "attest",
]);
const NON_RESOURCE_URL_VERBS = new Set(["get", "put", "post", "head", "options", "delete", "patch", "*"]);

function canI(c: Client): ExecResult {
  const args = c.session.args;
  const all = boolFlag(args, "all-namespaces");
  const namespace = all ? "" : c.namespace;
  if (boolFlag(args, "list")) {
    const r = selfSubjectRulesReview(c.api, who(c), namespace);
    if (isStatus(r)) return errResult(statusText(r));
    const lines = boolFlag(args, "no-headers") ? [] : ["Resources\tNon-Resource URLs\tResource Names\tVerbs"];
    lines.push(...policyRuleLines(r.rules));
    return { stdout: tabwrite(lines.join("\n") + "\n", GET_TABWRITER), stderr: "", exitCode: 0 };
  }
  const [verb, target] = args.operands;
  // cani.go Complete: the usage error and its hint both end with a period
  if (!verb || !target || args.operands.length > 2)
    return errResult(
      "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n",
    );
  // cani.go WarningPrinter.Print: "Warning: " + a message that ends in "\n", then its own "\n"
  let stderr = "";
  const warn = (m: string) => (stderr += `Warning: ${m}\n\n`);
  let review;
  if (target.startsWith("/")) {
    review = { verb, group: "", path: target };
    if (!NON_RESOURCE_URL_VERBS.has(verb)) warn(`verb '${verb}' is not a known verb`);
  } else {
    const [typed, name] = target.split("/", 2);
    let group = "";
    let resource = typed;
    let namespaced = true;
    if (typed !== "*") {
      const def = resolveResource(c.api, typed);
      if (def) {
        group = def.resource.group;
        resource = def.resource.resource;
        namespaced = def.resource.namespaced;
      } else {
        // cani.go resourceFor: an unknown resource is checked exactly as typed; users and groups
        // (nonStandardResourceNames, for impersonate) are known without discovery
        const dot = typed.toLowerCase().indexOf(".");
        const [res, grp] = dot > 0 ? [typed.slice(0, dot), typed.slice(dot + 1)] : [typed, ""];
        if (!["users", "groups"].includes(typed.toLowerCase()))
          warn(
            grp ? `the server doesn't have a resource type '${res}' in group '${grp}'` : `the server doesn't have a resource type '${res}'`,
          );
      }
    }
    // cani.go Validate: isNamespaced answers only for a discovered resource
    if (!all && !namespaced)
      warn(group ? `resource '${resource}' is not namespace scoped in group '${group}'` : `resource '${resource}' is not namespace scoped`);
    if (!all && !RESOURCE_VERBS.has(verb)) warn(`verb '${verb}' is not a known verb`);
    review = {
      verb,
      group,
      resource,
      ...(flag(args, "subresource") ? { subresource: flag(args, "subresource") } : {}),
      ...(name ? { name } : {}),
      ...(namespace ? { namespace } : {}),
    };
  }
  const r = selfSubjectAccessReview(c.api, who(c), review);
  if (isStatus(r)) return { stdout: "", stderr: stderr + statusText(r), exitCode: 1 };
  if (boolFlag(args, "quiet")) return { stdout: "", stderr: "", exitCode: r.allowed ? 0 : 1 };
  const out = r.allowed ? "yes\n" : `no${r.reason ? ` - ${r.reason}` : ""}\n`;
  return { stdout: out, stderr, exitCode: r.allowed ? 0 : 1 };
}

export function runAuth(ctx: CommandContext, argv: string[]): ExecResult {
  const i = firstOperand(argv, flagSpec("auth can-i"));
  const sub = i < 0 ? undefined : argv[i];
  if (sub !== "whoami" && sub !== "can-i") {
    const p = parseVerb(ctx, "auth", argv);
    if (isResult(p)) return p;
    if (sub === "reconcile") return errResult(`error: "kubectl auth reconcile" is not available in this practice cluster\n`);
    if (sub) return errResult(`error: unknown command "${sub}"\nSee 'kubectl auth -h' for help and examples\n`);
    return { stdout: "", stderr: helpResult("auth").stdout, exitCode: 1 };
  }
  const args = parseVerb(ctx, `auth ${sub}`, [...argv.slice(0, i), ...argv.slice(i + 1)]);
  if (isResult(args)) return args;
  const c = openClient(ctx, args, false);
  if (isResult(c)) return c;
  return sub === "whoami" ? whoami(c) : canI(c);
}
