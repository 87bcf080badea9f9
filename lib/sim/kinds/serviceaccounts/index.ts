/** core/v1 ServiceAccount: printers.go printServiceAccount (Secrets count) and describe.go describeServiceAccount. */
import { AGE_COLUMN, NAME_COLUMN, column } from "../../api/table";
import type { KObject } from "../../api/types";
import { DescribeWriter } from "../../printers/describe-util";
import { ageOf } from "../../printers/duration";
import type { KindDef } from "../types";

export interface ServiceAccount extends KObject {
  secrets?: { name: string }[];
  imagePullSecrets?: { name: string }[];
  automountServiceAccountToken?: boolean;
}

function describeServiceAccount(sa: ServiceAccount): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${sa.metadata.name}\n`);
  w.write(0, `Namespace:\t${sa.metadata.namespace}\n`);
  w.map("Labels", sa.metadata.labels, "=");
  w.map("Annotations", sa.metadata.annotations, ": ");
  // describe.go's header cells, padded to 19 characters, in sorted order
  const sections: [string, string[]][] = [
    ["Image pull secrets:", (sa.imagePullSecrets ?? []).map((s) => s.name)],
    ["Mountable secrets: ", (sa.secrets ?? []).map((s) => s.name)],
    ["Tokens:            ", []],
  ];
  for (const [header, names] of sections) {
    if (!names.length) w.write(0, `${header}\t<none>\n`);
    else names.forEach((n, i) => w.write(0, `${i ? " ".repeat(19) : header}\t${n}\n`));
  }
  w.write(0, "Events:\t<none>\n");
  return w.toString();
}

export const serviceaccounts: KindDef<ServiceAccount> = {
  resource: {
    group: "",
    version: "v1",
    kind: "ServiceAccount",
    resource: "serviceaccounts",
    singular: "serviceaccount",
    shortNames: ["sa"],
    namespaced: true,
    verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
    subresources: [{ name: "token", kind: "TokenRequest", group: "authentication.k8s.io", version: "v1", verbs: ["create"] }],
  },
  table: {
    columns: [
      NAME_COLUMN,
      column(
        "Secrets",
        "string",
        'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a "kubernetes.io/enforce-mountable-secrets" annotation set to "true". The "kubernetes.io/enforce-mountable-secrets" annotation is deprecated since v1.32. Prefer separate namespaces to isolate access to mounted secrets. This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret',
      ),
      AGE_COLUMN,
    ],
    rows: (sa, ctx) => [[sa.metadata.name, (sa.secrets ?? []).length, ageOf(sa.metadata.creationTimestamp, ctx.now)]],
  },
  describe: describeServiceAccount,
};
