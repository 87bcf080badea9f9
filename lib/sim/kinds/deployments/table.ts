/** printers.go deploymentColumnDefinitions and printDeployment (v1.32). */
import type { TableDef } from "../types";
import { SWAGGER } from "../_shared/swagger-docs";
import {
  ageCell,
  ageColumn,
  column,
  CONTAINERS_DESCRIPTION,
  IMAGES_DESCRIPTION,
  layoutContainerCells,
  nameColumn,
  wide,
} from "../_shared/table";
import { selectorString } from "../_shared/labels";
import type { Deployment } from "./types";

export const deploymentTable: TableDef<Deployment> = {
  columns: [
    nameColumn(),
    column("Ready", "string", "Number of the pod with ready state"),
    column("Up-to-date", "string", SWAGGER.deployUpdated),
    column("Available", "string", SWAGGER.deployAvailable),
    ageColumn(),
    wide("Containers", CONTAINERS_DESCRIPTION),
    wide("Images", IMAGES_DESCRIPTION),
    wide("Selector", SWAGGER.deploySelector),
  ],
  rows(d, { now }) {
    const st = d.status ?? {};
    const [names, images] = layoutContainerCells(d.spec?.template?.spec?.containers);
    const sel = selectorString(d.spec?.selector);
    return [
      [
        d.metadata.name,
        `${st.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
        st.updatedReplicas ?? 0,
        st.availableReplicas ?? 0,
        ageCell(d, now),
        names,
        images,
        typeof sel === "string" ? sel : "<invalid>",
      ],
    ];
  },
};
