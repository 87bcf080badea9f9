/**
 * Server-side Tables (meta.k8s.io/v1), what `kubectl get` asks for: the kind's printers.go columns
 * (KindDef.table), or the default convertor of
 * staging/src/k8s.io/apiserver/pkg/registry/rest/table.go (Name, Created At) for kinds without one.
 */
import type { KindDef, PrintContext } from "../kinds/types";
import { rfc3339 } from "./meta";
import type { KObject, Table, TableCell, TableColumnDefinition, TableRow } from "./types";

/** metav1.ObjectMeta{}.SwaggerDoc() texts the printers use as column descriptions. */
export const OBJECT_META_DOC = {
  name: "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
  creationTimestamp:
    "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
} as const;

export function column(
  name: string,
  type: TableColumnDefinition["type"] = "string",
  description = "",
  priority = 0,
  format = "",
): TableColumnDefinition {
  return { name, type, format, description, priority };
}

export const NAME_COLUMN: TableColumnDefinition = column("Name", "string", OBJECT_META_DOC.name, 0, "name");
export const AGE_COLUMN: TableColumnDefinition = column("Age", "string", OBJECT_META_DOC.creationTimestamp);

/** rest.NewDefaultTableConvertor: Name and Created At (RFC 3339). */
export const DEFAULT_COLUMNS: TableColumnDefinition[] = [NAME_COLUMN, column("Created At", "date", OBJECT_META_DOC.creationTimestamp)];

function defaultRow(o: KObject): TableCell[] {
  return [o.metadata.name, o.metadata.creationTimestamp ? rfc3339(Date.parse(o.metadata.creationTimestamp)) : "<unknown>"];
}

export function tableColumns(def: KindDef): TableColumnDefinition[] {
  return def.table ? def.table.columns : DEFAULT_COLUMNS;
}

/** The Table for objects of one kind, each row carrying its PartialObjectMetadata (includeObject=Metadata). */
export function buildTable(def: KindDef, objects: KObject[], ctx: PrintContext, resourceVersion: string): Table {
  const rows: TableRow[] = [];
  for (const o of objects) {
    const cells = def.table ? def.table.rows(o, ctx) : [defaultRow(o)];
    for (const c of cells)
      rows.push({
        cells: c,
        object: { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: structuredClone(o.metadata) },
      });
  }
  return { kind: "Table", apiVersion: "meta.k8s.io/v1", metadata: { resourceVersion }, columnDefinitions: tableColumns(def), rows };
}
