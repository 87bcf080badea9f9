/** networking.k8s.io/v1 Ingress as the API serves it (k8s.io/api networking/v1 types.go). */
import type { Typed } from "../_shared/core-types";
import type { TypedLocalObjectReference } from "../ingressclasses";

export interface IngressBackend {
  service?: { name?: string; port?: { name?: string; number?: number } };
  resource?: TypedLocalObjectReference;
}
export interface HTTPIngressPath {
  path?: string;
  pathType?: string;
  backend?: IngressBackend;
}
export interface IngressRule {
  host?: string;
  http?: { paths?: HTTPIngressPath[] };
}
export interface IngressSpec {
  ingressClassName?: string;
  defaultBackend?: IngressBackend;
  tls?: { hosts?: string[]; secretName?: string }[];
  rules?: IngressRule[];
}
export type Ingress = Typed<{
  spec?: IngressSpec;
  status?: {
    loadBalancer?: { ingress?: { ip?: string; hostname?: string; ports?: { port?: number; protocol?: string; error?: string }[] }[] };
  };
}>;
