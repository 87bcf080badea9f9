/**
 * Discovery entries (what `kubectl api-resources` lists), built the way the apiserver's
 * installer does: the standard verbs unless a storage serves fewer, subresources as
 * `<resource>/<sub>` entries. Sources for each kind are cited at its call site.
 */
import { STANDARD_VERBS, type ResourceInfo, type SubresourceInfo } from "../types";

export const GET_PATCH_UPDATE = ["get", "patch", "update"];

export const statusSubresource = (): SubresourceInfo => ({ name: "status", verbs: [...GET_PATCH_UPDATE] });
/** autoscaling/v1 Scale, as deployments/replicasets/statefulsets/replicationcontrollers serve it. */
export const scaleSubresource = (): SubresourceInfo => ({
  name: "scale",
  kind: "Scale",
  group: "autoscaling",
  version: "v1",
  verbs: [...GET_PATCH_UPDATE],
});

export interface ResourceOptions {
  shortNames?: string[];
  categories?: string[];
  subresources?: SubresourceInfo[];
  /** only "create" for the review resources, "get, list" for componentstatuses */
  verbs?: string[];
  /** Endpoints keeps its plural as singular */
  singular?: string;
}

export function resourceInfo(
  apiVersion: string,
  kind: string,
  resource: string,
  namespaced: boolean,
  opts: ResourceOptions = {},
): ResourceInfo {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  return {
    group,
    version,
    kind,
    resource,
    singular: opts.singular ?? kind.toLowerCase(),
    shortNames: opts.shortNames ?? [],
    namespaced,
    verbs: opts.verbs ?? [...STANDARD_VERBS],
    ...(opts.categories ? { categories: opts.categories } : {}),
    ...(opts.subresources ? { subresources: opts.subresources } : {}),
  };
}
