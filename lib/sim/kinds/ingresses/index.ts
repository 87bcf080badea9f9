/**
 * networking.k8s.io/v1 ingresses.
 * Discovery: pkg/registry/networking/ingress/storage/storage.go (ShortNames "ing", status).
 * Strategy: pkg/registry/networking/ingress/strategy.go (status reset, generation on spec
 * change); the DefaultIngressClass admission plugin
 * (plugin/pkg/admission/network/defaultingressclass) gives a class-less ingress the default
 * IngressClass, the newest when several are marked default.
 * Validation: pkg/apis/networking/validation/validation.go ValidateIngressCreate / ValidateIngressSpec.
 * Table: printers.go printIngress (CLASS, HOSTS, ADDRESS, PORTS "80" or "80, 443").
 * Describer: describe.go describeIngressV1 (backends resolved through EndpointSlices and Services).
 */
import type { KindDef } from "../types";
import { printAnnotationsMultiline, printLabelsMultiline } from "../_shared/describe-helpers";
import { resourceInfo, statusSubresource } from "../_shared/discovery";
import { formatEndpointSlices, LABEL_SERVICE_NAME, type EndpointSlice } from "../_shared/endpointslice-format";
import { describeEventsFor } from "../_shared/events";
import { byteCompare } from "../_shared/labels";
import { LEVEL_0, LEVEL_1, LEVEL_2, PrefixWriter } from "../_shared/prefix-writer";
import { ageCell, ageColumn, column, nameColumn } from "../_shared/table";
import type { DescribeContext } from "../types";
import { IS_DEFAULT_INGRESS_CLASS } from "../ingressclasses";
import type { Ingress, IngressBackend } from "./types";
import { validateIngress } from "./validation";

export type { Ingress } from "./types";

/** ingressLoadBalancerStatusStringer(s, wide=true): unique IPs or hostnames, sorted. */
function loadBalancerString(ing: Ingress): string {
  const set = new Set<string>();
  for (const i of ing.status?.loadBalancer?.ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  return [...set].sort(byteCompare).join(",");
}

/** formatHosts: three hosts at most, "*" when none. */
function formatHosts(ing: Ingress): string {
  const rules = ing.spec?.rules ?? [];
  const list: string[] = [];
  let more = false;
  for (const r of rules) {
    if (list.length === 3) more = true;
    if (!more && r.host) list.push(r.host);
  }
  if (!list.length) return "*";
  return more ? `${list.join(",")} + ${rules.length - 3} more...` : list.join(",");
}

/** serviceBackendStringer: "name:port". */
const serviceBackendString = (b: NonNullable<IngressBackend["service"]>): string =>
  `${b.name ?? ""}:${b.port?.number ? b.port.number : (b.port?.name ?? "")}`;

/** describeBackendV1: the service backend with its ready endpoints, or the resource backend. */
function describeBackend(ns: string, backend: IngressBackend, ctx: DescribeContext): string {
  if (backend.service) {
    const sb = serviceBackendString(backend.service);
    const name = backend.service.name ?? "";
    const slices = ctx
      .list({ group: "discovery.k8s.io", resource: "endpointslices" }, ns)
      .filter((s) => s.metadata.labels?.[LABEL_SERVICE_NAME] === name) as EndpointSlice[];
    const svc = ctx.get({ group: "", resource: "services" }, ns, name) as
      { spec?: { ports?: { name?: string; port?: number }[] } } | undefined;
    if (!svc) return `${sb} (<error: services "${name}" not found>)`;
    let spName = "";
    for (const sp of svc.spec?.ports ?? []) {
      if (backend.service.port?.number && backend.service.port.number === sp.port) spName = sp.name ?? "";
      else if (backend.service.port?.name && backend.service.port.name === sp.name) spName = sp.name ?? "";
    }
    return `${sb} (${formatEndpointSlices(slices, new Set([spName]))})`;
  }
  if (backend.resource) {
    const r = backend.resource;
    return `APIGroup: ${r.apiGroup ?? "<none>"}, Kind: ${r.kind ?? ""}, Name: ${r.name ?? ""}`;
  }
  return "";
}

function newestDefaultClass(
  classes: { metadata: { name: string; creationTimestamp?: string; annotations?: Record<string, string> } }[],
): string | undefined {
  const defaults = classes.filter((c) => c.metadata.annotations?.[IS_DEFAULT_INGRESS_CLASS] === "true");
  defaults.sort(
    (a, b) =>
      (b.metadata.creationTimestamp ?? "").localeCompare(a.metadata.creationTimestamp ?? "") ||
      byteCompare(a.metadata.name, b.metadata.name),
  );
  return defaults[0]?.metadata.name;
}

export const ingresses: KindDef<Ingress> = {
  resource: resourceInfo("networking.k8s.io/v1", "Ingress", "ingresses", true, {
    shortNames: ["ing"],
    subresources: [statusSubresource()],
  }),
  validate: (ing) => validateIngress(ing, true),
  validateUpdate: (ing) => validateIngress(ing, false),
  strategy: {
    statusSubresource: true,
    tracksGeneration: true,
    prepareForCreate(ing, ctx) {
      ing.status = { loadBalancer: {} };
      const spec = (ing.spec ??= {});
      if (spec.ingressClassName === undefined && ing.metadata.annotations?.["kubernetes.io/ingress.class"] === undefined) {
        const def = newestDefaultClass(ctx.objects.list({ group: "networking.k8s.io", resource: "ingressclasses" }));
        if (def !== undefined) spec.ingressClassName = def;
      }
    },
  },
  table: {
    columns: [
      nameColumn(),
      column("Class", "string", "The name of the IngressClass resource that should be used for additional configuration"),
      column("Hosts", "string", "Hosts that incoming requests are matched against before the ingress rule"),
      column("Address", "string", "Address is a list containing ingress points for the load-balancer"),
      column("Ports", "string", "Ports of TLS configurations that open"),
      ageColumn(),
    ],
    rows: (ing, { now }) => [
      [
        ing.metadata.name,
        ing.spec?.ingressClassName ?? "<none>",
        formatHosts(ing),
        loadBalancerString(ing),
        ing.spec?.tls?.length ? "80, 443" : "80",
        ageCell(ing, now),
      ],
    ],
  },
  describe(ing, ctx) {
    const ns = ing.metadata.namespace ?? "";
    const w = new PrefixWriter();
    w.write(LEVEL_0, `Name:\t${ing.metadata.name}\n`);
    printLabelsMultiline(w, "Labels", ing.metadata.labels);
    w.write(LEVEL_0, `Namespace:\t${ns}\n`);
    w.write(LEVEL_0, `Address:\t${loadBalancerString(ing)}\n`);
    w.write(LEVEL_0, `Ingress Class:\t${ing.spec?.ingressClassName ?? "<none>"}\n`);
    const def = ing.spec?.defaultBackend;
    const defaultBackend = def ? describeBackend(ns, def, ctx) : "<default>";
    w.write(LEVEL_0, `Default backend:\t${defaultBackend}\n`);
    const tls = ing.spec?.tls ?? [];
    if (tls.length) {
      w.write(LEVEL_0, "TLS:\n");
      for (const t of tls) {
        if (!t.secretName) w.write(LEVEL_1, `SNI routes ${(t.hosts ?? []).join(",")}\n`);
        else w.write(LEVEL_1, `${t.secretName} terminates ${(t.hosts ?? []).join(",")}\n`);
      }
    }
    w.write(LEVEL_0, "Rules:\n  Host\tPath\tBackends\n");
    w.write(LEVEL_1, "----\t----\t--------\n");
    let count = 0;
    for (const rule of ing.spec?.rules ?? []) {
      if (!rule.http) continue;
      count++;
      w.write(LEVEL_1, `${rule.host || "*"}\t\n`);
      for (const path of rule.http.paths ?? [])
        w.write(LEVEL_2, `\t${path.path ?? ""} \t${describeBackend(ns, path.backend ?? {}, ctx)}\n`);
    }
    if (count === 0) w.write(LEVEL_1, `*\t*\t${defaultBackend}\n`);
    printAnnotationsMultiline(w, "Annotations", ing.metadata.annotations);
    describeEventsFor(ing, ctx, w);
    return w.toString();
  },
};
