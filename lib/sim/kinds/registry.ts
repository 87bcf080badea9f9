/**
 * Every kind the simulated apiserver serves, one line each. Adding a kind: its folder under
 * lib/sim/kinds/<resource>/ and one line here.
 */
import { certificatesigningrequests } from "./certificatesigningrequests";
import { clusterrolebindings } from "./clusterrolebindings";
import { clusterroles } from "./clusterroles";
import { namespaces } from "./namespaces";
import { nodes } from "./nodes";
import { pods } from "./pods";
import { rolebindings } from "./rolebindings";
import { roles } from "./roles";
import { secrets } from "./secrets";
import { serviceaccounts } from "./serviceaccounts";
import { services } from "./services";
import type { KindDef } from "./types";

export const KINDS: readonly KindDef[] = [
  namespaces,
  nodes,
  pods,
  secrets,
  serviceaccounts,
  services,
  certificatesigningrequests,
  clusterrolebindings,
  clusterroles,
  rolebindings,
  roles,
];
