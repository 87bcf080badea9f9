/**
 * kubectl explain (staging/src/k8s.io/kubectl/pkg/cmd/explain/explain.go, v1.32): the resource
 * and field path from `TYPE[.field...]` through the cluster's discovery
 * (pkg/explain/explain.go SplitAndParseResourceRequestWithMatchingPrefix, or
 * SplitAndParseResourceRequest with --api-version), then the explain v2 "plaintext" template
 * (explain-render.ts) over the same OpenAPI v3 document sim:api serves for the group/version
 * (lib/sim/api/http/openapi.ts). The schemas come from lib/generated/openapi, derived at install
 * time (scripts/gen-openapi.mjs); without them explain says the docs are not installed.
 */
import { groupVersionSchemas, type Schemas } from "../../api/openapi-schemas";
import { versionInfo } from "../../api/http/host";
import { openapiGroupVersion } from "../../api/http/openapi";
import type { KindDef } from "../../kinds/types";
import type { CommandContext, ExecResult } from "../../types";
import { openClient } from "./client";
import { flag } from "./flags";
import { flagError } from "./help";
import { renderPlaintext } from "./explain-render";
import { resolveResource } from "./resources";
import { err, isResult, parseVerb } from "./session";

/** cmdutil.SuggestAPIResources("kubectl") */
const SUGGEST = 'Use "kubectl api-resources" for a complete list of supported resources.';

/** strconv.ParseBool */
const BOOLS: Record<string, boolean> = { "1": true, t: true, T: true, TRUE: true, true: true, True: true };
for (const f of ["0", "f", "F", "FALSE", "false", "False"]) BOOLS[f] = false;

export function runExplain(ctx: CommandContext, argv: string[]): ExecResult {
  const args = parseVerb(ctx, "explain", argv);
  if (isResult(args)) return args;
  const rec = flag(args, "recursive");
  if (rec !== undefined && !(rec in BOOLS))
    return flagError("explain", `invalid argument "${rec}" for "--recursive" flag: strconv.ParseBool: parsing "${rec}": invalid syntax`);
  const recursive = rec !== undefined && BOOLS[rec];
  const outputFormat = flag(args, "output") ?? "plaintext";
  const apiVersion = flag(args, "api-version") ?? "";
  const c = openClient(ctx, args);
  if (isResult(c)) return c;
  // Validate
  if (!args.operands.length) return err(`error: You must specify the type of resource to explain. ${SUGGEST}\n`);
  if (args.operands.length > 1) return err("error: We accept only this format: explain RESOURCE\n");
  // Run: the resource and the field path
  const inResource = args.operands[0].replace(/\.$/, "");
  const dotParts = inResource.split(".");
  const def = resolveResource(c.api, dotParts[0]);
  // the RESTMapper's NoResourceMatchError, which CheckErr prints without "error: "
  if (!def) return err(`the server doesn't have a resource type "${dotParts[0]}"\n`);
  let fieldsPath = dotParts.slice(1);
  const r = def.resource;
  if (!apiVersion) {
    // the group/resource ("deployments.apps") may prefix what was typed
    const groupResource = r.group ? `${r.resource}.${r.group}` : r.resource;
    if (inResource.startsWith(groupResource)) {
      const suffix = inResource.slice(groupResource.length);
      fieldsPath = suffix ? suffix.split(".").slice(1) : [];
    }
  }
  const gvr = { group: r.group, version: r.version, resource: r.resource };
  // the v2 document sim:api serves is empty: no definition for any kind (openapi.ts openapiV2Document)
  if (outputFormat === "plaintext-openapiv2") return renderV2(def, apiVersion);
  if (apiVersion) {
    const gv = parseGroupVersion(apiVersion);
    if (typeof gv === "string") return err(`error: ${gv}\n`);
    gvr.group = gv.group;
    gvr.version = gv.version;
  }
  // printModelDescriptionWithGenerator: the group/version's document from the server
  if (!groupVersionSchemas(r.group, r.version))
    return err("error: the API documentation kubectl explain reads is not installed on this server (run npm run openapi:generate)\n");
  const doc = openapiGroupVersion(c.api.kinds, gvr.group, gvr.version, versionInfo(ctx.state.config.kubernetesVersion)) as
    { paths: Record<string, Record<string, never>>; components: { schemas: Schemas } } | undefined;
  if (!doc) return err(`error: couldn't find resource for "${gvr.group}/${gvr.version}, Resource=${gvr.resource}"\n`);
  // generator.Render: only the plaintext template is registered
  if (outputFormat !== "plaintext") return err(`error: unrecognized format: ${outputFormat}\n`);
  const out = renderPlaintext({ paths: doc.paths, schemas: doc.components.schemas }, gvr, fieldsPath, recursive);
  return { stdout: out.stdout, stderr: out.error ? `${out.error}\n` : "", exitCode: out.error ? 1 : 0 };
}

/** schema.ParseGroupVersion */
function parseGroupVersion(gv: string): { group: string; version: string } | string {
  if (!gv || gv === "/") return { group: "", version: "" };
  const parts = gv.split("/");
  if (parts.length === 1) return { group: "", version: parts[0] };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return `unexpected GroupVersion string: ${gv}`;
}

/** renderOpenAPIV2: sim:api's /openapi/v2 has no definitions, so no kind is found there. */
function renderV2(def: KindDef, apiVersion: string): ExecResult {
  const r = def.resource;
  let gv = { group: r.group, version: r.version };
  if (apiVersion) {
    const p = parseGroupVersion(apiVersion);
    if (typeof p === "string") return err(`error: ${p}\n`);
    gv = p;
  }
  return err(`error: couldn't find resource for "${gv.group}/${gv.version}, Kind=${r.kind}"\n`);
}
