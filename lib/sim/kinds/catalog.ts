/**
 * The built-in kinds described in this tree besides api-core's (namespaces, nodes, pods,
 * services, certificatesigningrequests, roles, rolebindings, clusterroles,
 * clusterrolebindings, serviceaccounts, secrets), one line each; the registry folds them in.
 */
import type { KObject } from "../api/types";
import type { KindDef } from "./types";
import { controllerrevisions } from "./controllerrevisions";
import { cronjobs } from "./cronjobs";
import { daemonsets } from "./daemonsets";
import { deployments } from "./deployments";
import { events } from "./events";
import { eventsV1 } from "./events.events.k8s.io";
import { jobs } from "./jobs";
import { replicasets } from "./replicasets";
import { statefulsets } from "./statefulsets";

/** Each KindDef is typed by its own object shape; the registry handles them as KindDef<KObject>. */
const kind = <T extends KObject>(def: KindDef<T>): KindDef => def;

export const ADDITIONAL_KINDS: KindDef[] = [
  kind(events),
  kind(controllerrevisions),
  kind(daemonsets),
  kind(deployments),
  kind(replicasets),
  kind(statefulsets),
  kind(cronjobs),
  kind(jobs),
  kind(eventsV1),
];
