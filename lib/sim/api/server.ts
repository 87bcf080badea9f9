/**
 * The simulated apiserver of one cluster: the kind registry, the object store, the authorizer and
 * the cluster facts strategies need, behind request(). Cheap to make per command; the store (with
 * its journal and watch log) is shared per state.
 */
import { KINDS } from "../kinds/registry";
import type { KindDef, ObjectReader, StrategyContext } from "../kinds/types";
import { parseCsr } from "../pki";
import type { Authorizer } from "./authz";
import { ClusterAuthorizer } from "./rbac/authorizer";
import { type ApiRequest, type ApiResponse, request } from "./request";
import { type StoreState, type ObjectStore, storeFor } from "./store";
import type { GroupResource, KObject, UserInfo } from "./types";
import { storedLog } from "../kubelet/stored-logs";

export interface ClusterFacts {
  serviceSubnet: string;
  podSubnet: string;
  dnsDomain: string;
}

export interface ApiServerOptions {
  /** cluster clock, epoch ms */
  now: number;
  random(): number;
  cluster: ClusterFacts;
  /** the kinds served (tests pass a subset); default: the registry */
  kinds?: readonly KindDef[];
  /** the PEM of --service-account-signing-key-file, read when a token is requested (absent: TokenRequest fails) */
  serviceAccountKey?: () => string | undefined;
}

const byResource = new WeakMap<readonly KindDef[], Map<string, KindDef>>();

function index(kinds: readonly KindDef[]): Map<string, KindDef> {
  let m = byResource.get(kinds);
  if (!m) {
    m = new Map(kinds.map((k) => [`${k.resource.group}/${k.resource.resource}`, k]));
    byResource.set(kinds, m);
  }
  return m;
}

const APISERVICES = { group: "apiregistration.k8s.io", resource: "apiservices" };
const withoutAggregated = new WeakMap<readonly KindDef[], Map<string, readonly KindDef[]>>();

/**
 * The kinds served while the store holds what it holds: a kind the aggregator serves
 * (KindDef.aggregatedBy) only while its APIService exists, as discovery lists it.
 */
function servedKinds(kinds: readonly KindDef[], store: ObjectStore): readonly KindDef[] {
  const missing = [...new Set(kinds.flatMap((k) => (k.aggregatedBy ? [k.aggregatedBy] : [])))]
    .filter((name) => !store.get(APISERVICES, undefined, name))
    .sort();
  if (!missing.length) return kinds;
  let byMissing = withoutAggregated.get(kinds);
  if (!byMissing) withoutAggregated.set(kinds, (byMissing = new Map<string, readonly KindDef[]>()));
  const key = missing.join(",");
  let served = byMissing.get(key);
  if (!served) byMissing.set(key, (served = kinds.filter((k) => !k.aggregatedBy || !missing.includes(k.aggregatedBy))));
  return served;
}

export class ApiServer {
  readonly store: ObjectStore;
  readonly authorizer: Authorizer;
  readonly kinds: readonly KindDef[];
  private readonly byResource: Map<string, KindDef>;

  constructor(
    private readonly state: StoreState,
    private readonly opts: ApiServerOptions,
  ) {
    this.store = storeFor(state);
    this.authorizer = new ClusterAuthorizer(this.store);
    this.kinds = servedKinds(opts.kinds ?? KINDS, this.store);
    this.byResource = index(this.kinds);
  }

  get now(): number {
    return this.opts.now;
  }

  /** A container's stored log lines (kubelet/stored-logs.ts): what the kubelet serves besides its program's output. */
  storedLogs(podUid: string, container: string): { at: number; text: string }[] {
    return storedLog(this.state, podUid, container);
  }

  kindFor(group: string, resource: string): KindDef | undefined {
    return this.byResource.get(`${group}/${resource}`);
  }

  kindOf(apiVersion: string, kind: string): KindDef | undefined {
    const i = apiVersion.indexOf("/");
    const group = i < 0 ? "" : apiVersion.slice(0, i);
    const version = i < 0 ? apiVersion : apiVersion.slice(i + 1);
    return this.kinds.find((k) => k.resource.group === group && k.resource.version === version && k.resource.kind === kind);
  }

  /** Read access without authorization (strategies, describers after their own authorized get, controllers). */
  reader(): ObjectReader {
    return {
      get: (gr: GroupResource, ns: string | undefined, name: string) => this.store.get(gr, ns, name),
      list: (gr: GroupResource, ns?: string) => this.store.list(gr, ns),
    };
  }

  strategyContext(user: UserInfo): StrategyContext {
    return {
      user,
      now: this.opts.now,
      random: () => this.opts.random(),
      objects: this.reader(),
      cluster: { ...this.opts.cluster, nodePortRange: [30000, 32767] },
    };
  }

  request(req: ApiRequest): ApiResponse {
    return request(
      {
        store: this.store,
        authorizer: this.authorizer,
        now: this.opts.now,
        random: () => this.opts.random(),
        kindFor: (g, r) => this.kindFor(g, r),
        strategyContext: (u) => this.strategyContext(u),
        serviceAccountKey: () => this.opts.serviceAccountKey?.(),
        parseCsrOrgs: (pem) => {
          const p = parseCsr(pem);
          return p.ok ? p.subjectO : { error: p.error };
        },
      },
      req,
    );
  }

  /** Writes an object as the system (controllers, cluster bootstrap): no authorization or admission. */
  putAsSystem(obj: KObject): void {
    const def = this.kindOf(obj.apiVersion, obj.kind);
    const gr = def ? { group: def.resource.group, resource: def.resource.resource } : undefined;
    if (!gr) throw new Error(`no kind ${obj.apiVersion}/${obj.kind}`);
    this.store.put(gr, obj);
  }
}
