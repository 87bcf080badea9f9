import { describe, expect, it } from "vitest";
import { executeTemplate } from "./index";

const list = {
  apiVersion: "v1",
  kind: "List",
  items: [
    {
      metadata: { name: "jane" },
      status: { conditions: [{ type: "Approved", status: "True" }], certificate: "Q0VSVA==" },
      spec: { expirationSeconds: 86400, groups: ["dev", "system:authenticated"] },
    },
    { metadata: { name: "bob" }, status: {}, spec: { expirationSeconds: 600 } },
  ],
};

describe("kubectl JSONPath", () => {
  it.each([
    ["{.items[*].metadata.name}", "jane bob"],
    ["{.items[0].status.certificate}", "Q0VSVA=="],
    ["{.items[1].status.certificate}", ""],
    ["{.items[-1].metadata.name}", "bob"],
    ["{.items[0].spec.groups}", '["dev","system:authenticated"]'],
    ["{.items[0].spec}", '{"expirationSeconds":86400,"groups":["dev","system:authenticated"]}'],
    ['{range .items[*]}{.metadata.name}{"\\n"}{end}', "jane\nbob\n"],
    ['{range .items[*]}{.metadata.name}{"\\t"}{.spec.expirationSeconds}{"\\n"}{end}', "jane\t86400\nbob\t600\n"],
    ['{.items[0].status.conditions[?(@.type=="Approved")].status}', "True"],
    ["{.items[?(@.spec.expirationSeconds<1000)].metadata.name}", "bob"],
    ["{.items[?(@.status.certificate)].metadata.name}", "jane"],
    ["{.items[0:1].metadata.name}", "jane"],
    ["{.items[*]['metadata']['name']}", "jane bob"],
    ["{..name}", "jane bob"],
    ["name: {.items[0].metadata.name}!", "name: jane!"],
    ["{.data.x}", ""],
  ])("%s", (tpl, want) => {
    expect(executeTemplate(tpl, list)).toBe(want);
  });
  it("reports unclosed actions", () => {
    expect(() => executeTemplate("{.items[0", list)).toThrow();
  });
});
