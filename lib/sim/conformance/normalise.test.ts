/** Rule 8 of normalise.ts: describe limitrange's rows in Go map order compare equal whichever order they came in. */
import { describe, expect, it } from "vitest";
import { normaliseSim } from "./normalise";

const table = (rows: string[]) =>
  [
    "Name:       limits",
    "Namespace:  dev",
    "Type        Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio",
    "----        --------  ---  ---  ---------------  -------------  -----------------------",
    ...rows,
    "",
  ].join("\n");
const run = (stdout: string, argv: string[]) => normaliseSim({ stdout, stderr: "", exitCode: 0 }, argv).stdout;

describe("describe limitrange rows", () => {
  const pod = "Pod         cpu       -    2    -                -              -";
  const cpu = "Container   cpu       -    1    100m             500m           -";
  const mem = "Container   memory    -    1Gi  128Mi            256Mi          -";

  it("sorts the rows of one Type and keeps the Types in their order", () => {
    const argv = ["describe", "limitrange", "limits", "-n", "dev"];
    expect(run(table([mem, cpu, pod]), argv)).toBe(run(table([cpu, mem, pod]), argv));
    expect(run(table([mem, cpu, pod]), argv)).toBe(table([cpu, mem, pod]));
    expect(run(table([pod, mem, cpu]), argv)).toBe(table([pod, cpu, mem]));
  });

  it("leaves other describes alone", () => {
    expect(run(table([mem, cpu]), ["describe", "quota", "q"])).toBe(table([mem, cpu]));
  });
});
