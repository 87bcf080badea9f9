/** kubectl edit through the engine, as the terminal drives it: the file, the editor, and each way its loop ends (editoptions.go). */
import { beforeAll, describe, expect, it } from "vitest";
import { coreutils } from "../coreutils";
import { editors } from "../editors";
import { SimEngine } from "../../core/sim-engine";
import { makeCluster, type TestCluster } from "./__tests__/cluster";
import { kubectl } from "./index";
import { resumeKubectlEdit } from "./edit";

let c: TestCluster;
let sim: SimEngine;
const ESC = "\x1b";
const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;

beforeAll(async () => {
  c = await makeCluster();
  sim = new SimEngine(
    c.state,
    { clock: { now: () => c.now }, keys: { take: () => Promise.reject(new Error("no keys")) } },
    [...coreutils, kubectl, ...editors],
    {
      "kubectl-edit": resumeKubectlEdit,
    },
  );
  c.state.shell.env.KUBECONFIG = "/etc/kubernetes/admin.conf";
  c.state.fs["/tmp"] = { type: "dir", mode: 0o1777, mtime: c.now };
  c.state.fs["/root/web.yaml"] = { type: "file", content: WEB, mode: 0o644, mtime: c.now };
  expect((await sim.exec("kubectl apply -f /root/web.yaml")).output).toBe("deployment.apps/web created\n");
});

/** The temporary file kubectl edit opened. */
function tempFile(): string {
  const path = sim.state.editor?.launch.file ?? "";
  const node = sim.state.fs[path];
  return node?.type === "file" ? node.content : "";
}

describe("kubectl edit", () => {
  it("opens the object as get -o yaml prints it, under edit's header, in vi by default", async () => {
    const r = await sim.exec("kubectl edit deployment web", { cols: 100, rows: 30 });
    expect(r.mode).toBe("raw");
    expect(sim.state.editor?.launch).toMatchObject({ program: "vi", resume: { handler: "kubectl-edit" } });
    expect(sim.state.editor?.launch.file).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
    const got = await new SimEngine(
      structuredClone(c.state),
      { clock: { now: () => c.now }, keys: { take: () => Promise.reject(new Error("no keys")) } },
      [kubectl],
    ).exec("kubectl get deployment web -o yaml");
    expect(tempFile()).toBe(
      "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
        "# and an empty file will abort the edit. If an error occurs while saving this file will be\n" +
        "# reopened with the relevant failures.\n#\n" +
        got.output,
    );
    const end = await sim.editorInput(":q\r");
    expect(end).toMatchObject({ mode: "line", ended: { transcript: "Edit cancelled, no changes made.\n", exitCode: 0 } });
  });

  it("applies a changed image and prints edited; the temporary file is gone", async () => {
    await sim.exec("EDITOR=nano kubectl edit deploy/web");
    expect(sim.state.editor?.launch.program).toBe("nano");
    const file = sim.state.editor?.launch.file ?? "";
    await sim.editorInput("\x1f");
    await sim.editorInput("999\r"); // go to the last line: "        image: nginx:1.27" is near the end; search instead
    await sim.editorInput("\x17image: nginx\r");
    await sim.editorInput("\x05\x08\x08\x08\x081.28");
    const end = await sim.editorInput("\x18y\r");
    expect(end.ended).toEqual({ transcript: "deployment.apps/web edited\n", exitCode: 0 });
    expect(sim.state.fs[file]).toBeUndefined();
    expect((await sim.exec("kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'")).output).toBe("nginx:1.28");
  });

  it("reopens with kubectl's error comment on an invalid object, and cancels when nothing valid was saved", async () => {
    await sim.exec("kubectl edit deployment web");
    // replicas: -1 is refused by the apiserver's validation
    await sim.editorInput("/replicas: 1\r$");
    const saved = await sim.editorInput(`i-${ESC}:wq\r`);
    expect(saved.output).toContain('error: deployments.apps "web" is invalid\r\n');
    expect(saved.printed).toBe('error: deployments.apps "web" is invalid\n'); // it stays in the scrollback, as on the main screen
    expect(sim.state.editor).toBeDefined();
    expect(tempFile()).toMatch(
      /^# Please edit the object below[^]*#\n# deployments\.apps "web" was not valid:\n# \* spec\.replicas: Invalid value: -1: must be greater than or equal to 0\n#\napiVersion: apps\/v1\n/,
    );
    const again = await sim.editorInput(":wq\r");
    expect(again.ended?.exitCode).toBe(1);
    expect(again.ended?.transcript).toMatch(
      /^A copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nerror: Edit cancelled, no valid changes were saved\.\n$/,
    );
  });

  it("refuses a changed name and needs the terminal", async () => {
    await sim.exec("kubectl edit deployment web");
    const end = await sim.editorInput("/name: web\r$a2\x1b:wq\r");
    expect(end.ended?.transcript).toMatch(
      /^A copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nerror: At least one of apiVersion, kind and name was changed\n$/,
    );
    expect((await sim.exec("kubectl edit deployment web | cat")).output).toBe(
      "error: kubectl edit needs the terminal: run it as the last command of a line\n",
    );
  });
});
