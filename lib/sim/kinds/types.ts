/**
 * What the simulated apiserver knows about one kind. Each built-in kind lives in its own folder,
 * lib/sim/kinds/<resource>/index.ts, exporting one KindDef; lib/sim/kinds/registry.ts lists them
 * (one line per kind). Everything kind-specific is here and nowhere else: discovery, defaulting,
 * validation, the REST strategy, the server-side table (printers.go) and the describer
 * (describe.go). The request path, kubectl and the HTTP surface only ever go through a KindDef.
 *
 * A kind with no behaviour yet still has a KindDef: it is stored, listed, printed (Name, Created At by
 * default), described (generically) and deleted like any other.
 */
import type { FieldError } from "../api/field";
import type { ApiVerb, GroupResource, KObject, Status, TableCell, TableColumnDefinition, UserInfo } from "../api/types";

/** A subresource the kind serves, as discovery lists it ("pods/log", "deployments/scale"). */
export interface SubresourceInfo {
  name:
    | "status"
    | "scale"
    | "log"
    | "exec"
    | "attach"
    | "portforward"
    | "proxy"
    | "binding"
    | "eviction"
    | "ephemeralcontainers"
    | "resize"
    | "approval"
    | "finalize"
    | "token";
  /** the kind the subresource speaks, when not the parent's ("Scale" in group autoscaling/v1, "Eviction" in policy/v1, ...) */
  kind?: string;
  group?: string;
  version?: string;
  verbs: string[];
}

/** The discovery entry: what `kubectl api-resources` prints and how kubectl resolves what a user typed. */
export interface ResourceInfo {
  /** "" for the core group */
  group: string;
  /** the preferred (served) version, e.g. "v1", "v2" for autoscaling */
  version: string;
  kind: string;
  /** plural resource name, as in URLs and RBAC rules: "deployments" */
  resource: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  /** as discovery lists them, in the apiserver's order: create, delete, deletecollection, get, list, patch, update, watch */
  verbs: string[];
  /** e.g. ["all"] for the kinds `kubectl get all` shows */
  categories?: string[];
  subresources?: SubresourceInfo[];
}

/** Read access to other objects, for strategies (allocation, uniqueness) and describers (related objects, events). */
export interface ObjectReader {
  get(gr: GroupResource, namespace: string | undefined, name: string): KObject | undefined;
  /** objects of one resource, in the apiserver's order (namespace, then name); `namespace` undefined = all */
  list(gr: GroupResource, namespace?: string): KObject[];
}

export interface StrategyContext {
  /** the requesting user, after impersonation */
  user: UserInfo;
  /** cluster clock, epoch ms */
  now: number;
  /** deterministic random in [0, 1), from the cluster's PRNG */
  random(): number;
  objects: ObjectReader;
  /** the cluster's configuration facts strategies need (service CIDR, node port range, ...) */
  cluster: { serviceSubnet: string; nodePortRange: [number, number]; podSubnet: string; dnsDomain: string };
}

/** pkg/registry/<group>/<kind>/strategy.go, reduced to what the simulator needs. */
export interface StrategyDef<T extends KObject = KObject> {
  /** the kind has a status subresource: writes to the object keep the old status; /status writes change only status */
  statusSubresource?: boolean;
  /** metadata.generation is 1 on create and bumped on each change outside metadata and status */
  tracksGeneration?: boolean;
  /** PrepareForCreate, plus the REST layer's allocations (a Service's clusterIP and nodePorts). May return errors (a port already allocated). */
  prepareForCreate?(obj: T, ctx: StrategyContext): FieldError[] | void;
  /** PrepareForUpdate: e.g. keep immutable fields the client omitted */
  prepareForUpdate?(obj: T, old: T, ctx: StrategyContext): FieldError[] | void;
  /** PrepareForUpdate of the status (and approval) subresource strategies, after the subresource's fields were copied in */
  prepareForStatusUpdate?(obj: T, old: T, ctx: StrategyContext): void;
  /** the scale subresource: where replicas and the selector live */
  scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
}

/** The server-side table, as pkg/printers/internalversion/printers.go registers it for the kind. */
export interface TableDef<T extends KObject = KObject> {
  /** in printers.go order; `priority: 1` columns are the -o wide ones; the first is NAME with format "name" */
  columns: TableColumnDefinition[];
  /** one row of cells per object (a few printers emit more than one row; then return several) */
  rows(obj: T, ctx: PrintContext): TableCell[][];
}

export interface PrintContext {
  /** cluster clock, epoch ms: ages are computed on the server, as translateTimestampSince does */
  now: number;
}

/** What a describer may read: the cluster as the describing user sees it (denied or missing reads come back empty). */
export interface DescribeContext extends ObjectReader {
  now: number;
  /** kubectl describe --show-events (default true) */
  showEvents: boolean;
  /** core/v1 Events whose involvedObject is `obj`, oldest first, as describe.go's searchEvents returns them */
  eventsFor(obj: KObject): KObject[];
}

export interface KindDef<T extends KObject = KObject> {
  resource: ResourceInfo;
  /**
   * The kind's rule for metadata.name (apimachinery ValidateNameFunc: the list of problems, empty
   * when valid; `prefix` for generateName). Absent: NameIsDNSSubdomain. Kinds differ: StatefulSets
   * need a DNS label, Services a DNS-1035 label, RBAC objects and CRD-less names only a path segment.
   */
  validateName?(name: string, prefix: boolean): string[];
  /** SetDefaults_* (pkg/apis/<group>/v1/defaults.go): mutates `obj` in place, on create and update */
  defaults?(obj: T): void;
  /** Validate* on create (pkg/apis/<group>/validation/validation.go); metadata (name, labels) is validated by the request path */
  validate?(obj: T, ctx: StrategyContext): FieldError[];
  /** ValidateUpdate*: immutability and transitions; `validate` is not run again unless this calls it */
  validateUpdate?(obj: T, old: T, ctx: StrategyContext): FieldError[];
  strategy?: StrategyDef<T>;
  /** absent: the apiserver's default table (Name, Created At; rest/table.go) */
  table?: TableDef<T>;
  /** kubectl describe; absent: the generic describer (describe.go GenericDescriberFor) */
  describe?(obj: T, ctx: DescribeContext): string;
  /**
   * A read-only kind the apiserver does not store but computes when read (metrics.k8s.io, served
   * by an aggregated server): its objects at `now` (of one namespace, or all), or the Status the
   * read fails with. Gets and lists go through the same selectors and tables as stored kinds.
   */
  computed?(objects: ObjectReader, now: number, namespace?: string): KObject[] | Status;
  /**
   * The APIService (apiregistration.k8s.io, "v1beta1.metrics.k8s.io") through which the aggregator
   * serves the kind: without that object the group is not in discovery and not served.
   */
  aggregatedBy?: string;
  /** field-selector fields beyond metadata.name and metadata.namespace (e.g. pods: spec.nodeName, status.phase) */
  selectableFields?(obj: T): Record<string, string>;
}

/** Convenience for KindDefs: the verbs most built-in resources serve, in discovery's order. */
export const STANDARD_VERBS: readonly ApiVerb[] = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
