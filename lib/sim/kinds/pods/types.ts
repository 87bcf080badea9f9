/** The parts of core/v1 Pod the simulator reads (the stored object keeps every field it was given). */
import type { KObject } from "../../api/types";

export interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  imagePullPolicy?: string;
  ports?: { name?: string; containerPort: number; protocol?: string; hostPort?: number }[];
  env?: { name: string; value?: string; valueFrom?: Record<string, unknown> }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  terminationMessagePath?: string;
  terminationMessagePolicy?: string;
  [k: string]: unknown;
}

export interface Probe {
  httpGet?: { host?: string; path?: string; port: number | string; scheme?: string };
  tcpSocket?: { port: number | string };
  exec?: { command?: string[] };
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
}

export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: {
    containerID?: string;
    exitCode?: number;
    signal?: number;
    reason?: string;
    message?: string;
    startedAt?: string;
    finishedAt?: string;
  };
}

export interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  started?: boolean;
  image?: string;
  imageID?: string;
  containerID?: string;
  state?: ContainerState;
  lastState?: ContainerState;
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  nodeName?: string;
  serviceAccountName?: string;
  serviceAccount?: string;
  priorityClassName?: string;
  priority?: number;
  hostNetwork?: boolean;
  nodeSelector?: Record<string, string>;
  tolerations?: { key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number }[];
  volumes?: ({ name: string } & Record<string, unknown>)[];
  readinessGates?: { conditionType: string }[];
  restartPolicy?: string;
  securityContext?: Record<string, unknown>;
  [k: string]: unknown;
}

export interface PodStatus {
  phase?: string;
  reason?: string;
  message?: string;
  podIP?: string;
  podIPs?: { ip: string }[];
  hostIP?: string;
  hostIPs?: { ip: string }[];
  startTime?: string;
  qosClass?: string;
  nominatedNodeName?: string;
  conditions?: { type: string; status: string; reason?: string; lastTransitionTime?: string; lastProbeTime?: string | null }[];
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
}

export interface Pod extends KObject {
  spec?: PodSpec;
  status?: PodStatus;
}
