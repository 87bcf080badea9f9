import { describe, expect, it } from "vitest";
import { parseKindFilter, parseUnitRef, unitPath } from "./lab-params";

describe("lab analytics URL parts", () => {
  it("reads a scenario unit and a task unit, and refuses other kinds, inherited names included", () => {
    expect(parseUnitRef({ course: "troubleshooting", kind: "scenario", unit: "cordoned-node" })).toEqual({
      courseSlug: "troubleshooting",
      kind: "SCENARIO",
      unitId: "cordoned-node",
    });
    expect(parseUnitRef({ course: "kubernetes-pki", kind: "task", unit: "t1" })?.kind).toBe("TASK");
    for (const kind of ["SCENARIO", "lesson", "constructor", "toString", "__proto__"])
      expect(parseUnitRef({ course: "troubleshooting", kind, unit: "x" })).toBeNull();
    expect(unitPath({ courseSlug: "troubleshooting", kind: "SCENARIO", unitId: "cordoned-node" })).toBe(
      "/admin/lab/troubleshooting/scenario/cordoned-node",
    );
  });

  it("filters by kind only for task or scenario", () => {
    expect(parseKindFilter({ kind: "scenario" })).toBe("SCENARIO");
    expect(parseKindFilter({ kind: ["task", "scenario"] })).toBe("TASK");
    expect(parseKindFilter({})).toBeUndefined();
    expect(parseKindFilter({ kind: "constructor" })).toBeUndefined();
  });
});
