/** metav1.Status errors as the simulated apiserver returns them, and kubectl's rendering of each. */
export type ApiError =
  | { reason: "NotFound" | "AlreadyExists" | "Forbidden" | "BadRequest" | "Conflict" | "MethodNotAllowed"; message: string }
  | { reason: "Invalid"; kind: string; name: string; causes: string[] };

/** kubectl's cmdutil.CheckErr text; `source` adds `error when creating "f.yaml": ` like AddSourceToErr. */
export function renderApiError(e: ApiError, source?: { verb: string; file: string }): string {
  if (e.reason === "Invalid") {
    const causes = e.causes.length === 1 ? `: ${e.causes[0]}` : `: \n${e.causes.map((c) => `* ${c}`).join("\n")}`;
    return `The ${e.kind} "${e.name}" is invalid${causes}\n`;
  }
  const prefix = source ? `error when ${source.verb} "${source.file}": ` : "";
  return `Error from server (${e.reason}): ${prefix}${e.message}\n`;
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function validateName(name: string, label: boolean): string | undefined {
  if (label) {
    if (name.length > 63) return `metadata.name: Invalid value: "${name}": must be no more than 63 characters`;
    if (!DNS1123_LABEL.test(name)) return `metadata.name: Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`;
    return undefined;
  }
  if (name.length > 253) return `metadata.name: Invalid value: "${name}": must be no more than 253 characters`;
  if (!DNS1123_SUBDOMAIN.test(name)) return `metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
  return undefined;
}
