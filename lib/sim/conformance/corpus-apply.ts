/**
 * Three-way patches that change lists and maps, in a session of their own: when the simulator's
 * apply computes a different patch, the two clusters part ways and later lines would differ too.
 * The patch kubectl sends is judged by the object it leaves behind and by the word apply prints
 * (`unchanged` exactly when the patch is `{}`).
 */
import type { Session, Step } from "./corpus";
import { CM_SETTINGS, DEPLOY_API, POD_WEB, POD_WEB_V2, STACK, STACK_V2 } from "./manifests";

const k = (line: string, extra: Omit<Step, "line"> = {}): Step => ({ line: `kubectl ${line}`, ...extra });

const CM_SETTINGS_V2 = CM_SETTINGS.replace("  colour: blue\n", "");
// one container gone, one env item gone, a label gone, and Recreate (rollingUpdate goes by $retainKeys)
const DEPLOY_API_V2 = DEPLOY_API.replace(/  - name: sidecar\n(.|\n)*$/, "")
  .replace("        - name: MODE\n          value: fast\n", "")
  .replace("    tier: back\n", "")
  .replace("    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 1\n", "    type: Recreate\n");

export const APPLY_LISTS: Session = {
  name: "apply-lists",
  steps: [
    k("create namespace shop"),
    k("apply -f stack.yaml", { files: { "stack.yaml": STACK } }),
    k("apply -f web.yaml", { files: { "web.yaml": POD_WEB } }),
    k("apply -f web.yaml", { files: { "web.yaml": POD_WEB_V2 } }),
    k("get pod web -n shop -o jsonpath='{.spec.containers[*].image} {.metadata.labels}'"),
    k("apply -f stack.yaml", { files: { "stack.yaml": STACK_V2 } }),
    k("get svc api -n shop -o jsonpath='{.spec.ports}'"),
    k("apply -f stack.yaml"),
    // made by create: apply warns that the annotation is missing, then patches it in
    k("create -f cm.yaml", { files: { "cm.yaml": CM_SETTINGS } }),
    k("apply -f cm.yaml"),
    k("apply -f cm.yaml"),
    k("apply -f cm.yaml", { files: { "cm.yaml": CM_SETTINGS_V2 } }),
    k("get cm settings -n shop -o jsonpath='{.data}'"),
    k("apply -f cm.yaml --dry-run=client"),
    k("apply -f deploy.yaml", { files: { "deploy.yaml": DEPLOY_API } }),
    k("apply -f deploy.yaml"),
    k("apply -f deploy.yaml --dry-run=server", { files: { "deploy.yaml": DEPLOY_API_V2 } }),
    k("apply -f deploy.yaml"),
    k("apply -f deploy.yaml"),
    k(
      "get deploy api -n shop -o jsonpath='{.metadata.labels} {.spec.strategy} {.spec.template.spec.containers[*].name} {.spec.template.spec.containers[0].env}'",
    ),
  ],
};
