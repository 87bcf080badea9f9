/**
 * The one request path of the simulated apiserver. Every read and write (the simulator's kubectl,
 * the course checks, the HTTP surface) goes through request(): impersonation → authorization →
 * admission (mutating) → defaulting and validation → admission (validating) → strategy → storage
 * (optimistic concurrency on resourceVersion) → watch log. Synchronous and transport-free.
 * Authentication happens before (lib/sim/api/authn.ts): `user` is who the credentials proved.
 */
import type { LabelSelector } from "../kinds/_shared/core-types";
import { selectorMatches, selectorString } from "../kinds/_shared/labels";
import type { KindDef, StrategyContext } from "../kinds/types";
import { mutatingAdmission, validatingAdmission } from "./admission";
import type { Attributes, Authorizer } from "./authz";
import { forbiddenStatus } from "./authz";
import { invalidStatus } from "./field";
import { newUid, randomSuffix, rfc3339, splitApiVersion, validateObjectMeta } from "./meta";
import { applyJsonPatch } from "./patch/json-patch";
import { applyMergePatch } from "./patch/merge-patch";
import { applyStrategicPatch } from "./patch/strategic";
import { fieldsMatch, labelsMatch, parseFieldSelector, parseLabelSelector } from "./selectors";
import { alreadyExists, badRequest, conflict, internalError, methodNotSupported, notFound, success } from "./status";
import type { ObjectStore } from "./store";
import { sortKeys } from "../printers/json";
import { buildTable } from "./table";
import { issueToken } from "./token-request";
import type { ApiVerb, Json, KList, KObject, PatchType, Status, Table, UserInfo } from "./types";

export interface ApiRequest {
  verb: ApiVerb;
  group?: string;
  version?: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  body?: unknown;
  /** who authenticated */
  user: UserInfo;
  /** --as, --as-group, --as-uid */
  impersonate?: { user?: string; groups?: string[]; uid?: string };
  dryRun?: boolean;
  fieldManager?: string;
  labelSelector?: string;
  fieldSelector?: string;
  patchType?: PatchType;
  propagationPolicy?: "Foreground" | "Background" | "Orphan";
  gracePeriodSeconds?: number;
  /** delete preconditions */
  preconditions?: { uid?: string; resourceVersion?: string };
  /** answer a get or list with a meta.k8s.io/v1 Table */
  asTable?: boolean;
}

export interface ApiResponse {
  code: number;
  body: KObject | KList | Table | Status;
  /** the user after impersonation */
  user: UserInfo;
}

/** What the request path needs from its server (lib/sim/api/server.ts). */
export interface RequestEnv {
  store: ObjectStore;
  authorizer: Authorizer;
  now: number;
  random: () => number;
  kindFor: (group: string, resource: string) => KindDef | undefined;
  strategyContext: (user: UserInfo) => StrategyContext;
  parseCsrOrgs: (pem: string) => string[] | { error: string };
  /** the service account signing key (api/token-request.ts) */
  serviceAccountKey?: () => string | undefined;
}

const fail = (status: Status, user: UserInfo): ApiResponse => ({ code: status.code, body: status, user });

/** The user a request acts as, after the impersonation filter (staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation.go). */
export function impersonate(env: RequestEnv, req: Pick<ApiRequest, "user" | "impersonate">): UserInfo | Status {
  const imp = req.impersonate;
  if (!imp || (!imp.user && !imp.groups?.length && !imp.uid)) return req.user;
  if (!imp.user)
    return badRequest("requested [" + (imp.groups ?? []).map((g) => `{Group  ${g}  }`).join(" ") + "] without impersonating a user");
  const check = (a: Omit<Attributes, "user" | "verb" | "resourceRequest">): Status | undefined => {
    const attrs: Attributes = { user: req.user, verb: "impersonate", resourceRequest: true, ...a };
    return env.authorizer.authorize(attrs).allowed ? undefined : forbiddenStatus(attrs, "");
  };
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(imp.user);
  const denied = sa
    ? check({ group: "", resource: "serviceaccounts", namespace: sa[1], name: sa[2] })
    : check({ group: "", resource: "users", name: imp.user });
  if (denied) return denied;
  for (const g of imp.groups ?? []) {
    const d = check({ group: "", resource: "groups", name: g });
    if (d) return d;
  }
  if (imp.uid) {
    const d = check({ group: "authentication.k8s.io", resource: "uids", name: imp.uid });
    if (d) return d;
  }
  const groups = [...(imp.groups ?? [])];
  if (sa) groups.push("system:serviceaccounts", `system:serviceaccounts:${sa[1]}`);
  if (imp.user !== "system:anonymous" && !groups.includes("system:authenticated")) groups.push("system:authenticated");
  return { username: imp.user, groups, ...(imp.uid ? { uid: imp.uid } : {}) };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Runs one request. Never throws for user errors: every failure is a Status. */
export function request(env: RequestEnv, req: ApiRequest): ApiResponse {
  const group = req.group ?? "";
  const def = env.kindFor(group, req.resource);
  const user0 = req.user;
  if (!def) return fail(notFound({ group, resource: req.resource }, req.name ?? ""), user0);
  const gr = { group: def.resource.group, resource: def.resource.resource };
  const user = impersonate(env, req);
  if ("kind" in user) return fail(user, user0);
  const namespace = def.resource.namespaced ? req.namespace : undefined;
  const attrs: Attributes = {
    user,
    verb: req.verb,
    resourceRequest: true,
    group: gr.group,
    resource: gr.resource,
    ...(req.subresource ? { subresource: req.subresource } : {}),
    ...(namespace ? { namespace } : {}),
    ...(req.name ? { name: req.name } : {}),
  };
  if (req.subresource && !(def.resource.subresources ?? []).some((s) => s.name === req.subresource)) {
    return fail(notFound(gr, req.name ?? ""), user);
  }
  const decision = env.authorizer.authorize(attrs);
  if (!decision.allowed) return fail(forbiddenStatus(attrs, decision.reason), user);
  if (!def.resource.verbs.includes(req.verb) && !req.subresource) return fail(methodNotSupported(gr, req.verb), user);
  const ctx = new RequestRun(env, def, req, user, namespace);
  return ctx.run();
}

class RequestRun {
  private readonly gr: { group: string; resource: string };
  constructor(
    private readonly env: RequestEnv,
    private readonly def: KindDef,
    private readonly req: ApiRequest,
    private readonly user: UserInfo,
    private readonly namespace: string | undefined,
  ) {
    this.gr = { group: def.resource.group, resource: def.resource.resource };
  }

  run(): ApiResponse {
    switch (this.req.verb) {
      case "get":
        return this.get();
      case "list":
      case "watch":
        return this.list();
      case "create":
        return this.create();
      case "update":
        return this.update();
      case "patch":
        return this.patch();
      case "delete":
        return this.remove();
      case "deletecollection":
        return this.removeCollection();
    }
  }

  private ok(code: number, body: ApiResponse["body"]): ApiResponse {
    return { code, body, user: this.user };
  }

  private err(s: Status): ApiResponse {
    return fail(s, this.user);
  }

  private get apiVersion(): string {
    const r = this.def.resource;
    return r.group ? `${r.group}/${r.version}` : r.version;
  }

  /** A computed kind's objects (KindDef.computed), or its failure. */
  private computed(): KObject[] | Status | undefined {
    if (!this.def.computed) return undefined;
    const reader = { get: this.env.store.get.bind(this.env.store), list: this.env.store.list.bind(this.env.store) };
    return this.def.computed(reader, this.env.now, this.namespace);
  }

  private get(): ApiResponse {
    const computed = this.computed();
    if (computed && !Array.isArray(computed)) return this.err(computed);
    const o = computed
      ? computed.find((c) => c.metadata.name === this.req.name && c.metadata.namespace === this.namespace)
      : this.env.store.get(this.gr, this.namespace, this.req.name ?? "");
    if (!o) return this.err(notFound(this.gr, this.req.name ?? ""));
    if (this.req.subresource === "scale") return this.ok(200, scaleOf(o));
    if (this.req.asTable) return this.ok(200, buildTable(this.def, [o], { now: this.env.now }, o.metadata.resourceVersion));
    return this.ok(200, structuredClone(o));
  }

  /** The objects a list or deletecollection selects, or the selector's error. */
  private selected(): KObject[] | Status {
    const labels = parseLabelSelector(this.req.labelSelector ?? "");
    if (!Array.isArray(labels)) return badRequest(labels.error);
    const fields = parseFieldSelector(this.req.fieldSelector ?? "");
    if (!Array.isArray(fields)) return badRequest(fields.error);
    const known = new Set(["metadata.name", "metadata.namespace"]);
    const extra = (o: KObject) => (this.def.selectableFields ? this.def.selectableFields(o) : {});
    for (const f of fields) {
      if (known.has(f.field)) continue;
      const sample = this.def.selectableFields
        ? Object.keys(
            this.def.selectableFields({
              apiVersion: "",
              kind: "",
              metadata: { name: "", uid: "", resourceVersion: "", creationTimestamp: "" },
            }),
          )
        : [];
      if (!sample.includes(f.field)) return badRequest(`field label not supported: ${f.field}`);
    }
    const computed = this.computed();
    if (computed && !Array.isArray(computed)) return computed;
    return (computed ?? this.env.store.list(this.gr, this.namespace)).filter((o) => {
      if (!labelsMatch(labels, o.metadata.labels)) return false;
      return fieldsMatch(fields, { "metadata.name": o.metadata.name, "metadata.namespace": o.metadata.namespace ?? "", ...extra(o) });
    });
  }

  private list(): ApiResponse {
    const items = this.selected();
    if (!Array.isArray(items)) return this.err(items);
    const rv = String(this.env.store.resourceVersion);
    if (this.req.asTable) return this.ok(200, buildTable(this.def, items, { now: this.env.now }, rv));
    const r = this.def.resource;
    return this.ok(200, {
      apiVersion: this.apiVersion,
      kind: `${r.kind}List`,
      metadata: { resourceVersion: rv },
      items: items.map((o) => structuredClone(o)),
    });
  }

  private strategyContext(): StrategyContext {
    return this.env.strategyContext(this.user);
  }

  /** The body as an object of this kind, or why it is not one. */
  private bodyObject(): KObject | Status {
    const b = this.req.body;
    if (!isObj(b))
      return badRequest(
        "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf",
      );
    const o = structuredClone(b) as KObject;
    const r = this.def.resource;
    if (o.kind !== undefined && o.kind !== r.kind)
      return badRequest(
        `the API version in the data (${String(o.apiVersion)}) does not match the expected API version (${this.apiVersion})`,
      );
    if (o.apiVersion !== undefined && splitApiVersion(String(o.apiVersion)).group !== r.group) {
      return badRequest(
        `the API version in the data (${String(o.apiVersion)}) does not match the expected API version (${this.apiVersion})`,
      );
    }
    o.apiVersion = this.apiVersion;
    o.kind = r.kind;
    o.metadata = (isObj(o.metadata) ? o.metadata : {}) as KObject["metadata"];
    return o;
  }

  private create(): ApiResponse {
    if (this.req.subresource === "eviction") return this.evict();
    if (this.req.subresource === "token") {
      const sa = this.env.store.get(this.gr, this.namespace, this.req.name ?? "");
      if (!sa) return this.err(notFound(this.gr, this.req.name ?? ""));
      const out = issueToken(this.req.body, sa, { now: this.env.now, random: this.env.random, signingKey: this.env.serviceAccountKey?.() });
      return out.kind === "Status" ? this.err(out as Status) : this.ok(201, out);
    }
    const o = this.bodyObject();
    if ("code" in o && o.kind === "Status") return this.err(o as Status);
    const obj = o as KObject;
    const m = obj.metadata;
    if (this.def.resource.namespaced) {
      if (m.namespace && this.namespace && m.namespace !== this.namespace)
        return this.err(badRequest("the namespace of the provided object does not match the namespace sent on the request"));
      m.namespace = this.namespace ?? m.namespace ?? "default";
    } else delete m.namespace;
    if (m.resourceVersion) return this.err(badRequest("resourceVersion should not be set on objects to be created"));
    if (!m.name && m.generateName) m.name = `${m.generateName}${randomSuffix(() => this.env.random())}`;
    const name = m.name ?? "";
    // BeforeCreate: system fields are the server's
    m.uid = newUid(() => this.env.random());
    m.creationTimestamp = rfc3339(this.env.now);
    delete m.deletionTimestamp;
    delete m.deletionGracePeriodSeconds;
    if (this.def.strategy?.tracksGeneration) m.generation = 1;
    else delete m.generation;
    const admissionReq = {
      operation: "CREATE" as const,
      def: this.def,
      namespace: m.namespace,
      name,
      object: obj,
      user: this.user,
      dryRun: !!this.req.dryRun,
    };
    const admissionEnv = { store: this.env.store, authorizer: this.env.authorizer, random: () => this.env.random() };
    this.def.defaults?.(obj);
    const sctx = this.strategyContext();
    const prepErrs = this.def.strategy?.prepareForCreate?.(obj, sctx);
    const mutErr = mutatingAdmission(admissionReq, admissionEnv);
    if (mutErr) return this.err(mutErr);
    const errs = [
      ...validateObjectMeta(m, this.def.validateName ? (n, p) => this.def.validateName?.(n, p) ?? [] : undefined),
      ...(this.def.validate?.(obj, sctx) ?? []),
      ...(prepErrs ?? []),
    ];
    if (errs.length) return this.err(invalidStatus(this.gr.group, this.def.resource.kind, name, errs));
    const valErr = validatingAdmission(admissionReq, admissionEnv, this.env.parseCsrOrgs);
    if (valErr) return this.err(valErr);
    if (this.env.store.get(this.gr, m.namespace, name)) return this.err(alreadyExists(this.gr, name));
    if (this.req.dryRun) return this.ok(201, obj);
    this.env.store.put(this.gr, obj);
    return this.ok(201, structuredClone(obj));
  }

  private update(bodyOverride?: KObject): ApiResponse {
    if (this.req.subresource === "scale" && !bodyOverride) {
      const b = this.scaleBody();
      return "spec" in b || b.kind !== "Status" ? this.updateScale(b as KObject) : this.err(b as Status);
    }
    const name = this.req.name ?? "";
    const old = this.env.store.get(this.gr, this.namespace, name);
    let obj: KObject;
    if (bodyOverride) obj = bodyOverride;
    else {
      const o = this.bodyObject();
      if (o.kind === "Status") return this.err(o as Status);
      obj = o as KObject;
    }
    const m = obj.metadata;
    if (m.name && m.name !== name)
      return this.err(badRequest(`the name of the object (${m.name}) does not match the name on the URL (${name})`));
    if (this.def.resource.namespaced && m.namespace && m.namespace !== this.namespace) {
      return this.err(badRequest("the namespace of the provided object does not match the namespace sent on the request"));
    }
    if (!old) return this.err(notFound(this.gr, name));
    if (m.resourceVersion && m.resourceVersion !== old.metadata.resourceVersion) return this.err(conflict(this.gr, name));
    const sub = this.req.subresource;
    let next: KObject;
    if (sub === "status") next = { ...structuredClone(old), status: structuredClone(obj.status) };
    else if (sub === "approval")
      next = {
        ...structuredClone(old),
        status: {
          ...(old.status as object),
          conditions: structuredClone((obj.status as { conditions?: unknown } | undefined)?.conditions ?? []),
        },
      };
    else if (sub === "finalize")
      next = {
        ...structuredClone(old),
        spec: { ...(old.spec as object), finalizers: (obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [] },
      };
    else {
      next = obj;
      next.metadata = { ...m, name, ...(this.namespace ? { namespace: this.namespace } : {}) };
      this.def.defaults?.(next);
      this.def.strategy?.prepareForUpdate?.(next, old, this.strategyContext());
      if (this.def.strategy?.statusSubresource && old.status !== undefined && this.def.resource.resource !== "namespaces")
        next.status = structuredClone(old.status);
    }
    if (sub === "status" || sub === "approval") this.def.strategy?.prepareForStatusUpdate?.(next, old, this.strategyContext());
    // system metadata is the server's
    const nm = next.metadata;
    nm.uid = old.metadata.uid;
    nm.creationTimestamp = old.metadata.creationTimestamp;
    if (old.metadata.deletionTimestamp) nm.deletionTimestamp = old.metadata.deletionTimestamp;
    else delete nm.deletionTimestamp;
    if (old.metadata.generateName && !nm.generateName) nm.generateName = old.metadata.generateName;
    if (this.def.strategy?.tracksGeneration) {
      const strip = (o: KObject) => JSON.stringify({ ...o, metadata: undefined, status: undefined });
      nm.generation = (old.metadata.generation ?? 1) + (strip(next) !== strip(old) ? 1 : 0);
    }
    const sctx = this.strategyContext();
    const errs = [
      ...validateObjectMeta(nm, this.def.validateName ? (n, p) => this.def.validateName?.(n, p) ?? [] : undefined),
      ...(this.def.validateUpdate ? this.def.validateUpdate(next, old, sctx) : (this.def.validate?.(next, sctx) ?? [])),
    ];
    if (errs.length) return this.err(invalidStatus(this.gr.group, this.def.resource.kind, name, errs));
    const admissionReq = {
      operation: "UPDATE" as const,
      def: this.def,
      namespace: this.namespace,
      name,
      subresource: sub,
      object: next,
      oldObject: old,
      user: this.user,
      dryRun: !!this.req.dryRun,
    };
    const valErr = validatingAdmission(
      admissionReq,
      { store: this.env.store, authorizer: this.env.authorizer, random: () => this.env.random() },
      this.env.parseCsrOrgs,
    );
    if (valErr) return this.err(valErr);
    nm.resourceVersion = old.metadata.resourceVersion;
    // a no-op update is not written (the registry compares the encoded bytes before storing, so key order does not count)
    if (sortedJson(next) === sortedJson(old)) return this.ok(200, structuredClone(old));
    if (this.req.dryRun) return this.ok(200, next);
    // an object waiting only for its last finalizer goes away when the finalizer is removed
    if (nm.deletionTimestamp && !(nm.finalizers ?? []).length && this.def.resource.resource !== "namespaces") {
      this.env.store.remove(this.gr, this.namespace, name);
      return this.ok(200, next);
    }
    this.env.store.put(this.gr, next);
    return this.ok(200, structuredClone(next));
  }

  /**
   * PUT .../scale: the Scale's spec.replicas written into the object (registry/apps/deployment/storage
   * ScaleREST.Update and its siblings), answered with the object's new Scale. A Scale naming a
   * resourceVersion must name the object's current one.
   */
  private updateScale(scale: KObject): ApiResponse {
    const name = this.req.name ?? "";
    const old = this.env.store.get(this.gr, this.namespace, name);
    if (!old) return this.err(notFound(this.gr, name));
    const rv = scale.metadata?.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) return this.err(conflict(this.gr, name));
    const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas ?? 0;
    if (typeof replicas !== "number" || !Number.isInteger(replicas))
      return this.err(badRequest(`json: cannot unmarshal ${typeof replicas} into Go struct field ScaleSpec.spec.replicas of type int32`));
    if (replicas < 0)
      return this.err(
        invalidStatus("autoscaling", "Scale", name, [
          { type: "FieldValueInvalid", field: "spec.replicas", value: replicas, detail: "must be greater than or equal to 0" },
        ]),
      );
    const next = structuredClone(old);
    next.spec = { ...(next.spec as object), replicas };
    const r = this.update(next);
    return r.body.kind === "Status" ? r : this.ok(r.code, scaleOf(r.body as KObject));
  }

  /**
   * POST pods/{name}/eviction (pkg/registry/core/pod/storage/eviction.go, v1.32): the pod is
   * deleted unless the one PodDisruptionBudget that selects it has no disruption left (429,
   * "Cannot evict pod as it would violate the pod's disruption budget.", its cause naming the
   * budget's numbers), whose status then records the eviction (checkAndDecrement). A pod that is
   * not running (Pending, Succeeded, Failed) or already being deleted ignores budgets
   * (canIgnorePDB); more than one budget is refused (500).
   */
  private evict(): ApiResponse {
    const name = this.req.name ?? "";
    const body = this.req.body;
    if (!isObj(body) || (body.kind !== undefined && body.kind !== "Eviction"))
      return this.err(
        badRequest(
          "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf",
        ),
      );
    const given = isObj(body.metadata) ? (body.metadata as { name?: unknown }).name : undefined;
    if (given !== undefined && given !== name) return this.err(badRequest("name in URL does not match name in Eviction object"));
    const pod = this.env.store.get(this.gr, this.namespace, name);
    if (!pod) return this.err(notFound(this.gr, name));
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    const ignoresBudgets = phase === "Succeeded" || phase === "Failed" || phase === "Pending" || !!pod.metadata.deletionTimestamp;
    const pdbGr = { group: "policy", resource: "poddisruptionbudgets" };
    type Pdb = KObject & {
      spec?: { selector?: LabelSelector };
      status?: {
        disruptionsAllowed?: number;
        desiredHealthy?: number;
        currentHealthy?: number;
        disruptedPods?: Record<string, string>;
        observedGeneration?: number;
      };
    };
    const pdbs = ignoresBudgets
      ? []
      : (this.env.store.list(pdbGr, this.namespace) as Pdb[]).filter(
          (p) => p.spec?.selector !== undefined && selectorMatches(p.spec.selector, pod.metadata.labels),
        );
    if (pdbs.length > 1)
      return this.err(internalError("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."));
    const pdb = pdbs[0];
    if (pdb) {
      const st = pdb.status ?? {};
      const tooMany = (cause: string): Status => ({
        apiVersion: "v1",
        kind: "Status",
        metadata: {},
        status: "Failure",
        message: "Cannot evict pod as it would violate the pod's disruption budget.",
        reason: "TooManyRequests",
        details: { causes: [{ reason: "DisruptionBudget", message: cause }], retryAfterSeconds: 10 },
        code: 429,
      });
      if ((st.observedGeneration ?? 0) < (pdb.metadata.generation ?? 1))
        return this.err(tooMany(`The disruption budget ${pdb.metadata.name} is still being processed by the server.`));
      if ((st.disruptionsAllowed ?? 0) <= 0)
        return this.err(
          tooMany(
            `The disruption budget ${pdb.metadata.name} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently`,
          ),
        );
      if (!this.req.dryRun) {
        const next = structuredClone(pdb);
        next.status = {
          ...st,
          disruptionsAllowed: (st.disruptionsAllowed ?? 0) - 1,
          disruptedPods: { ...st.disruptedPods, [name]: rfc3339(this.env.now) },
        };
        this.env.store.put(pdbGr, next);
      }
    }
    const gone = this.deleteObject(pod);
    if (gone.body.kind === "Status" && (gone.body as Status).status === "Failure") return gone;
    return this.ok(201, { apiVersion: "v1", kind: "Status", metadata: {}, status: "Success", code: 201 });
  }

  /** The body of a PUT .../scale: a Scale (autoscaling/v1), or why not. */
  private scaleBody(): KObject | Status {
    const b = this.req.body;
    if (!isObj(b) || (b.kind !== undefined && b.kind !== "Scale"))
      return badRequest(
        `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`,
      );
    return structuredClone(b) as KObject;
  }

  private patch(): ApiResponse {
    const name = this.req.name ?? "";
    const stored = this.env.store.get(this.gr, this.namespace, name);
    if (!stored) return this.err(notFound(this.gr, name));
    // a patch of .../scale applies to the Scale, which is then written like a PUT of it
    const old = this.req.subresource === "scale" ? scaleOf(stored) : stored;
    const body = this.req.body as Json;
    const type = this.req.patchType ?? "strategic";
    let result: { ok: true; value: Json } | { ok: false; error: string };
    switch (type) {
      case "json":
        result = applyJsonPatch(old as unknown as Json, body);
        break;
      case "merge":
        result = isObj(body)
          ? { ok: true, value: applyMergePatch(old as unknown as Json, body) }
          : { ok: false, error: "json: cannot unmarshal array into Go value of type map[string]interface {}" };
        break;
      case "strategic":
        result = applyStrategicPatch(this.def.resource.kind, old as unknown as Json, body);
        break;
      case "apply":
        return this.err(badRequest("server-side apply is not available in this practice cluster"));
    }
    if (!result.ok)
      return this.err(type === "json" ? { ...badRequest(result.error), code: 422, reason: "Invalid" } : badRequest(result.error));
    if (!isObj(result.value)) return this.err(badRequest("the body of the request was in an unknown format"));
    const patched = result.value as unknown as KObject;
    // a patch that does not name a resourceVersion is unconditional
    const patchRv = isObj(body) && isObj(body.metadata) ? (body.metadata as { resourceVersion?: unknown }).resourceVersion : undefined;
    if (patchRv === undefined) patched.metadata = { ...patched.metadata, resourceVersion: old.metadata.resourceVersion };
    return this.req.subresource === "scale" ? this.updateScale(patched) : this.update(patched);
  }

  private remove(): ApiResponse {
    const name = this.req.name ?? "";
    const old = this.env.store.get(this.gr, this.namespace, name);
    const admissionErr = mutatingAdmission(
      { operation: "DELETE", def: this.def, namespace: this.namespace, name, user: this.user, dryRun: !!this.req.dryRun },
      { store: this.env.store, authorizer: this.env.authorizer, random: () => this.env.random() },
    );
    if (admissionErr) return this.err(admissionErr);
    if (!old) return this.err(notFound(this.gr, name));
    const pre = this.req.preconditions;
    if (pre?.uid && pre.uid !== old.metadata.uid)
      return this.err(
        conflict(this.gr, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`),
      );
    if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
      return this.err(
        conflict(
          this.gr,
          name,
          `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`,
        ),
      );
    }
    return this.deleteObject(old);
  }

  /** Graceful deletion: finalizers (and namespaces, and foreground/orphan propagation) keep the object with a deletionTimestamp. */
  private deleteObject(old: KObject): ApiResponse {
    const policy = this.req.propagationPolicy ?? "Background";
    const finalizers = [...(old.metadata.finalizers ?? [])];
    if (policy === "Foreground" && !finalizers.includes("foregroundDeletion")) finalizers.push("foregroundDeletion");
    if (policy === "Orphan" && !finalizers.includes("orphan")) finalizers.push("orphan");
    const isNamespace = this.def.resource.resource === "namespaces";
    const graceful = isNamespace || finalizers.length > 0;
    if (!graceful) {
      if (this.req.dryRun) return this.ok(200, success(this.gr, old.metadata.name, old.metadata.uid));
      const gone = this.env.store.remove(this.gr, this.namespace, old.metadata.name);
      return this.ok(200, gone ? structuredClone(gone) : success(this.gr, old.metadata.name, old.metadata.uid));
    }
    if (old.metadata.deletionTimestamp && JSON.stringify(finalizers) === JSON.stringify(old.metadata.finalizers ?? []))
      return this.ok(202, structuredClone(old));
    const next = structuredClone(old);
    next.metadata.deletionTimestamp ??= rfc3339(this.env.now);
    next.metadata.deletionGracePeriodSeconds ??= 0;
    if (finalizers.length) next.metadata.finalizers = finalizers;
    if (isNamespace) next.status = { ...(next.status as object), phase: "Terminating" };
    if (this.req.dryRun) return this.ok(202, next);
    this.env.store.put(this.gr, next);
    return this.ok(202, structuredClone(next));
  }

  private removeCollection(): ApiResponse {
    const items = this.selected();
    if (!Array.isArray(items)) return this.err(items);
    const deleted: KObject[] = [];
    for (const o of items) {
      const r = this.deleteObject(o);
      if (r.body.kind !== "Status") deleted.push(r.body as KObject);
    }
    const r = this.def.resource;
    return this.ok(200, {
      apiVersion: this.apiVersion,
      kind: `${r.kind}List`,
      metadata: { resourceVersion: String(this.env.store.resourceVersion) },
      items: deleted,
    });
  }
}

const sortedJson = (v: unknown): string => JSON.stringify(sortKeys(v));

/**
 * The autoscaling/v1 Scale of a Deployment, ReplicaSet, StatefulSet or ReplicationController
 * (pkg/registry/apps/{deployment,replicaset,statefulset}/storage scaleFrom…, pkg/registry/core/replicationcontroller/storage
 * scaleFromRC): identity from the object, spec.replicas (omitted when 0), status.replicas and the
 * selector as labels.Selector.String() of the object's selector.
 */
function scaleOf(o: KObject): KObject {
  const spec = (o.spec ?? {}) as { replicas?: number; selector?: unknown };
  const raw = o.kind === "ReplicationController" ? { matchLabels: (spec.selector ?? {}) as Record<string, string> } : spec.selector;
  const selector = selectorString(raw as LabelSelector | undefined);
  const m = o.metadata;
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: {
      name: m.name,
      ...(m.namespace ? { namespace: m.namespace } : {}),
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: spec.replicas ? { replicas: spec.replicas } : {},
    status: {
      replicas: (o.status as { replicas?: number } | undefined)?.replicas ?? 0,
      ...(typeof selector === "string" && selector ? { selector } : {}),
    },
  };
}
