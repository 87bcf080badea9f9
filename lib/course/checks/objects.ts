/**
 * Checks on any API object, named as kubectl names it (`kind` is what a learner would type after
 * `kubectl get`: "deploy", "rolebinding", "configmaps"). Fields are read with kubectl's own
 * JSONPath evaluator, so `objectField` means "`kubectl get KIND NAME -o jsonpath=PATH` prints EQUALS".
 */
import { z } from "zod";
import type { KObject } from "../../sim/api/types";
import { executeTemplate, JsonPathError } from "../../sim/jsonpath";
import type { ResolvedResource } from "../../sim/query";
import type { CheckResult } from "../types";
import { defineCheck, fail, name, namespace, pass, type View } from "./define";

const objectProps = z.strictObject({ kind: name, name, namespace });
const fieldProps = z.strictObject({
  kind: name,
  name,
  namespace,
  path: z
    .string({ error: "must be a string" })
    .min(1, "must not be empty")
    .refine((p) => p.includes("{"), "must be a kubectl JSONPath template such as {.spec.replicas}"),
  equals: z.string({ error: "must be a string" }),
});

type Found = { ok: true; obj: KObject; where: string } | { ok: false; result: CheckResult; r?: ResolvedResource; where?: string };

/** `deployment web in namespace dev`, `node worker-1` */
function describeObject(r: ResolvedResource, objName: string, ns: string): string {
  return `${r.kind} ${objName}${r.namespaced ? ` in namespace ${ns}` : ""}`;
}

export function findObject(v: View, kind: string, objName: string, ns: string): Found {
  const r = v.q.resolve(kind);
  if (!r) return { ok: false, result: fail(`This task is misconfigured: kubectl knows no resource type "${kind}".`) };
  const where = describeObject(r, objName, ns);
  const obj = v.q.get(r.group, r.resource, r.namespaced ? ns : undefined, objName);
  if (!obj) return { ok: false, result: fail(`There is no ${where}.`), r, where };
  return { ok: true, obj, where };
}

const deleting = (o: KObject) => !!o.metadata.deletionTimestamp;

export const OBJECT_CHECKS = {
  namespaceExists: defineCheck({
    props: z.strictObject({ name }),
    run: (v, p) =>
      v.q.get("", "namespaces", undefined, p.name)
        ? pass(`The namespace ${p.name} exists.`)
        : fail(`There is no namespace named ${p.name}.`),
  }),
  objectExists: defineCheck({
    props: objectProps,
    run: (v, p) => {
      const f = findObject(v, p.kind, p.name, p.namespace);
      if (!f.ok) return f.result;
      return deleting(f.obj) ? fail(`The ${f.where} is being deleted.`) : pass(`The ${f.where} exists.`);
    },
  }),
  objectAbsent: defineCheck({
    props: objectProps,
    run: (v, p) => {
      const f = findObject(v, p.kind, p.name, p.namespace);
      if (f.ok) return deleting(f.obj) ? pass(`The ${f.where} is being deleted.`) : fail(`The ${f.where} still exists.`);
      return f.where ? pass(`There is no ${f.where}.`) : f.result;
    },
  }),
  objectField: defineCheck({
    props: fieldProps,
    run: (v, p) => {
      const f = findObject(v, p.kind, p.name, p.namespace);
      if (!f.ok) return f.result;
      let got: string;
      try {
        got = executeTemplate(p.path, f.obj);
      } catch (e) {
        if (e instanceof JsonPathError) return fail(`This task is misconfigured: the path ${p.path} is not valid JSONPath (${e.message}).`);
        throw e;
      }
      if (got === p.equals) return pass(`The ${f.where} has ${p.path} = ${p.equals}.`);
      return fail(
        got === ""
          ? `The ${f.where} has nothing at ${p.path}; expected ${p.equals}.`
          : `The ${f.where} has ${p.path} = ${got}; expected ${p.equals}.`,
      );
    },
  }),
};
