/**
 * Every kind the simulated apiserver serves (kubeadm v1.32's api-resources), one line each, by
 * group. Adding a kind: its folder under lib/sim/kinds/<resource>/ and one line here.
 */
import type { KObject } from "../api/types";
import type { KindDef } from "./types";
import { apiservices } from "./apiservices";
import { bindings } from "./bindings";
import { certificatesigningrequests } from "./certificatesigningrequests";
import { clusterrolebindings } from "./clusterrolebindings";
import { clusterroles } from "./clusterroles";
import { componentstatuses } from "./componentstatuses";
import { nodeMetrics } from "./nodes.metrics.k8s.io";
import { podMetrics } from "./pods.metrics.k8s.io";
import { configmaps } from "./configmaps";
import { controllerrevisions } from "./controllerrevisions";
import { cronjobs } from "./cronjobs";
import { csidrivers } from "./csidrivers";
import { csinodes } from "./csinodes";
import { csistoragecapacities } from "./csistoragecapacities";
import { customresourcedefinitions } from "./customresourcedefinitions";
import { daemonsets } from "./daemonsets";
import { deployments } from "./deployments";
import { endpoints } from "./endpoints";
import { endpointslices } from "./endpointslices";
import { events } from "./events";
import { eventsV1 } from "./events.events.k8s.io";
import { flowschemas } from "./flowschemas";
import { horizontalpodautoscalers } from "./horizontalpodautoscalers";
import { ingressclasses } from "./ingressclasses";
import { ingresses } from "./ingresses";
import { jobs } from "./jobs";
import { leases } from "./leases";
import { limitranges } from "./limitranges";
import { localsubjectaccessreviews } from "./localsubjectaccessreviews";
import { mutatingwebhookconfigurations } from "./mutatingwebhookconfigurations";
import { namespaces } from "./namespaces";
import { networkpolicies } from "./networkpolicies";
import { nodes } from "./nodes";
import { persistentvolumeclaims } from "./persistentvolumeclaims";
import { persistentvolumes } from "./persistentvolumes";
import { poddisruptionbudgets } from "./poddisruptionbudgets";
import { pods } from "./pods";
import { podtemplates } from "./podtemplates";
import { priorityclasses } from "./priorityclasses";
import { prioritylevelconfigurations } from "./prioritylevelconfigurations";
import { replicasets } from "./replicasets";
import { replicationcontrollers } from "./replicationcontrollers";
import { resourcequotas } from "./resourcequotas";
import { rolebindings } from "./rolebindings";
import { roles } from "./roles";
import { runtimeclasses } from "./runtimeclasses";
import { secrets } from "./secrets";
import { selfsubjectaccessreviews } from "./selfsubjectaccessreviews";
import { selfsubjectreviews } from "./selfsubjectreviews";
import { selfsubjectrulesreviews } from "./selfsubjectrulesreviews";
import { serviceaccounts } from "./serviceaccounts";
import { services } from "./services";
import { statefulsets } from "./statefulsets";
import { storageclasses } from "./storageclasses";
import { subjectaccessreviews } from "./subjectaccessreviews";
import { tokenreviews } from "./tokenreviews";
import { validatingadmissionpolicies } from "./validatingadmissionpolicies";
import { validatingadmissionpolicybindings } from "./validatingadmissionpolicybindings";
import { validatingwebhookconfigurations } from "./validatingwebhookconfigurations";
import { volumeattachments } from "./volumeattachments";

/** Each KindDef is typed by its own object shape; the registry handles them as KindDef<KObject>. */
const kind = <T extends KObject>(def: KindDef<T>): KindDef => def;

export const KINDS: readonly KindDef[] = [
  // core/v1
  namespaces,
  nodes,
  pods,
  secrets,
  serviceaccounts,
  services,
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
  // admissionregistration.k8s.io/v1
  kind(mutatingwebhookconfigurations),
  kind(validatingadmissionpolicies),
  kind(validatingadmissionpolicybindings),
  kind(validatingwebhookconfigurations),
  // apiextensions.k8s.io/v1
  kind(customresourcedefinitions),
  // apiregistration.k8s.io/v1
  kind(apiservices),
  // apps/v1
  kind(controllerrevisions),
  kind(daemonsets),
  kind(deployments),
  kind(replicasets),
  kind(statefulsets),
  // authentication.k8s.io/v1
  kind(selfsubjectreviews),
  kind(tokenreviews),
  // authorization.k8s.io/v1
  kind(localsubjectaccessreviews),
  kind(selfsubjectaccessreviews),
  kind(selfsubjectrulesreviews),
  kind(subjectaccessreviews),
  // autoscaling/v2
  kind(horizontalpodautoscalers),
  // batch/v1
  kind(cronjobs),
  kind(jobs),
  // certificates.k8s.io/v1
  certificatesigningrequests,
  // coordination.k8s.io/v1
  kind(leases),
  // discovery.k8s.io/v1
  kind(endpointslices),
  // flowcontrol.apiserver.k8s.io/v1
  kind(flowschemas),
  kind(prioritylevelconfigurations),
  // networking.k8s.io/v1
  kind(ingressclasses),
  kind(ingresses),
  kind(networkpolicies),
  // node.k8s.io/v1
  kind(runtimeclasses),
  // policy/v1
  kind(poddisruptionbudgets),
  // rbac.authorization.k8s.io/v1
  clusterrolebindings,
  clusterroles,
  rolebindings,
  roles,
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
  // metrics.k8s.io/v1beta1 (metrics-server's, through the aggregator: groupPriorityMinimum 100 puts it last)
  kind(nodeMetrics),
  kind(podMetrics),
];
