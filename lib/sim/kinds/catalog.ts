/**
 * The built-in kinds described in this tree besides api-core's (namespaces, nodes, pods,
 * services, certificatesigningrequests, roles, rolebindings, clusterroles,
 * clusterrolebindings, serviceaccounts, secrets), one line each; the registry folds them in.
 */
import type { KObject } from "../api/types";
import type { KindDef } from "./types";
import { bindings } from "./bindings";
import { componentstatuses } from "./componentstatuses";
import { configmaps } from "./configmaps";
import { endpoints } from "./endpoints";
import { limitranges } from "./limitranges";
import { persistentvolumeclaims } from "./persistentvolumeclaims";
import { persistentvolumes } from "./persistentvolumes";
import { podtemplates } from "./podtemplates";
import { replicationcontrollers } from "./replicationcontrollers";
import { resourcequotas } from "./resourcequotas";
import { controllerrevisions } from "./controllerrevisions";
import { cronjobs } from "./cronjobs";
import { csidrivers } from "./csidrivers";
import { csinodes } from "./csinodes";
import { csistoragecapacities } from "./csistoragecapacities";
import { daemonsets } from "./daemonsets";
import { deployments } from "./deployments";
import { endpointslices } from "./endpointslices";
import { events } from "./events";
import { eventsV1 } from "./events.events.k8s.io";
import { horizontalpodautoscalers } from "./horizontalpodautoscalers";
import { ingressclasses } from "./ingressclasses";
import { ingresses } from "./ingresses";
import { jobs } from "./jobs";
import { leases } from "./leases";
import { networkpolicies } from "./networkpolicies";
import { poddisruptionbudgets } from "./poddisruptionbudgets";
import { priorityclasses } from "./priorityclasses";
import { replicasets } from "./replicasets";
import { statefulsets } from "./statefulsets";
import { storageclasses } from "./storageclasses";
import { volumeattachments } from "./volumeattachments";

/** Each KindDef is typed by its own object shape; the registry handles them as KindDef<KObject>. */
const kind = <T extends KObject>(def: KindDef<T>): KindDef => def;

export const ADDITIONAL_KINDS: KindDef[] = [
  // core/v1
  kind(bindings),
  kind(componentstatuses),
  kind(configmaps),
  kind(endpoints),
  kind(events),
  kind(limitranges),
  kind(persistentvolumeclaims),
  kind(persistentvolumes),
  kind(podtemplates),
  kind(replicationcontrollers),
  kind(resourcequotas),
  // apps/v1
  kind(controllerrevisions),
  kind(daemonsets),
  kind(deployments),
  kind(replicasets),
  kind(statefulsets),
  // batch/v1
  kind(cronjobs),
  kind(jobs),
  // autoscaling/v2
  kind(horizontalpodautoscalers),
  // coordination.k8s.io/v1
  kind(leases),
  // discovery.k8s.io/v1
  kind(endpointslices),
  // networking.k8s.io/v1
  kind(ingressclasses),
  kind(ingresses),
  kind(networkpolicies),
  // policy/v1
  kind(poddisruptionbudgets),
  // scheduling.k8s.io/v1
  kind(priorityclasses),
  // storage.k8s.io/v1
  kind(csidrivers),
  kind(csinodes),
  kind(csistoragecapacities),
  kind(storageclasses),
  kind(volumeattachments),
  // events.k8s.io/v1
  kind(eventsV1),
];
