/** apiextensions.k8s.io/v1 CustomResourceDefinition as the API serves it (apiextensions-apiserver v1 types.go). */
import type { Typed } from "../_shared/core-types";
import type { WebhookClientConfig } from "../_shared/admission";

export interface CRDNames {
  plural?: string;
  singular?: string;
  shortNames?: string[];
  kind?: string;
  listKind?: string;
  categories?: string[];
}
export interface PrinterColumn {
  name?: string;
  type?: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath?: string;
}
export interface CRDVersion {
  name?: string;
  served?: boolean;
  storage?: boolean;
  deprecated?: boolean;
  deprecationWarning?: string;
  schema?: { openAPIV3Schema?: Record<string, unknown> };
  subresources?: {
    status?: Record<string, never>;
    scale?: { specReplicasPath?: string; statusReplicasPath?: string; labelSelectorPath?: string };
  };
  additionalPrinterColumns?: PrinterColumn[];
  selectableFields?: { jsonPath?: string }[];
}
export type CustomResourceDefinition = Typed<{
  spec?: {
    group?: string;
    names?: CRDNames;
    scope?: string;
    versions?: CRDVersion[];
    conversion?: { strategy?: string; webhook?: { clientConfig?: WebhookClientConfig; conversionReviewVersions?: string[] } };
    preserveUnknownFields?: boolean;
  };
  status?: {
    conditions?: { type?: string; status?: string; lastTransitionTime?: string; reason?: string; message?: string }[];
    acceptedNames?: CRDNames;
    storedVersions?: string[];
  };
}>;
