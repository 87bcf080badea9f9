/** The object model of state version 1 (lib/sim/types.ts before the object store), kept for the migration. */
export interface V1Meta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface V1Csr {
  metadata: V1Meta;
  spec: {
    request: string;
    signerName: string;
    expirationSeconds?: number;
    usages: string[];
    username: string;
    groups: string[];
    uid?: string;
  };
  status: {
    conditions: { type: string; status: string; reason: string; message: string; lastUpdateTime: number; lastTransitionTime: number }[];
    certificate?: string;
  };
}

export interface V1Objects {
  nodes: { metadata: V1Meta }[];
  pods: { metadata: V1Meta }[];
  namespaces: { metadata: V1Meta; status: { phase: string } }[];
  services: { metadata: V1Meta }[];
  csrs: V1Csr[];
}
