/**
 * Helpers for the server-side tables of pkg/printers/internalversion/printers.go: column
 * definitions with the descriptions the apiserver sends (the Swagger docs they reference are
 * quoted from staging/src/k8s.io/api/.../types_swagger_doc_generated.go, v0.32.4), the AGE cell
 * (translateTimestampSince) and layoutContainerCells. The apiserver always prints with
 * Wide: true, so rows always carry the priority-1 cells; kubectl drops them without -o wide.
 */
import type { KObject, TableCell, TableColumnDefinition } from "../../api/types";
import type { TableDef } from "../types";
import { translateTimestampSince } from "./describe-helpers";
import type { Container } from "./core-types";

/** metav1.ObjectMeta{}.SwaggerDoc()["name"] */
export const NAME_DESCRIPTION =
  "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
/** metav1.ObjectMeta{}.SwaggerDoc()["creationTimestamp"] */
export const AGE_DESCRIPTION =
  "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

export const CONTAINERS_DESCRIPTION = "Names of each container in the template.";
export const IMAGES_DESCRIPTION = "Images referenced by each container in the template.";

type ColumnType = TableColumnDefinition["type"];

export function column(name: string, type: ColumnType = "string", description = "", priority = 0, format = ""): TableColumnDefinition {
  return { name, type, format, description, priority };
}

export const nameColumn = (): TableColumnDefinition => column("Name", "string", NAME_DESCRIPTION, 0, "name");
export const ageColumn = (): TableColumnDefinition => column("Age", "string", AGE_DESCRIPTION);
export const wide = (name: string, description: string, type: ColumnType = "string"): TableColumnDefinition =>
  column(name, type, description, 1);

/** translateTimestampSince(obj.CreationTimestamp) */
export function ageCell(obj: KObject, now: number): string {
  return translateTimestampSince(obj.metadata.creationTimestamp, now);
}

/** layoutContainerCells: names and images joined with "," in container order. */
export function layoutContainerCells(containers: Container[] | undefined): [string, string] {
  const cs = containers ?? [];
  return [cs.map((c) => c.name ?? "").join(","), cs.map((c) => c.image ?? "").join(",")];
}

/**
 * The table of kinds printers.go does not know: rest.NewDefaultTableConvertor
 * (staging/src/k8s.io/apiserver/pkg/registry/rest/table.go): Name and "Created At" as RFC 3339.
 */
export const DEFAULT_TABLE: TableDef = {
  columns: [nameColumn(), column("Created At", "date", AGE_DESCRIPTION)],
  rows: (obj): TableCell[][] => [[obj.metadata.name, obj.metadata.creationTimestamp]],
};
