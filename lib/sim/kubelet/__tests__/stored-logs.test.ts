/** The stored container log lines (stored-logs.ts): bounded, and checked when a saved state is restored. */
import { describe, expect, it } from "vitest";
import { baseCluster } from "../../controllers/__tests__/harness";
import { migrateAndValidate } from "../../core/state-schema";
import { appendStoredLog, MAX_CONTAINERS, MAX_LINES_PER_CONTAINER, storedLog } from "../stored-logs";

describe("stored container logs", () => {
  it("keep the last lines of each container and the most recently written containers", async () => {
    const state = structuredClone(await baseCluster());
    for (let i = 0; i < MAX_LINES_PER_CONTAINER + 5; i++) appendStoredLog(state, "u1", "nginx", [{ at: i, text: `line ${i}` }]);
    const kept = storedLog(state, "u1", "nginx");
    expect(kept).toHaveLength(MAX_LINES_PER_CONTAINER);
    expect(kept[0].text).toBe("line 5");
    expect(kept[kept.length - 1].text).toBe(`line ${MAX_LINES_PER_CONTAINER + 4}`);
    for (let i = 0; i < MAX_CONTAINERS; i++) appendStoredLog(state, `p${i}`, "c", [{ at: i, text: "x" }]);
    // u1/nginx was written least recently: it is the one dropped
    expect(Object.keys(state.containerLogs ?? {})).toHaveLength(MAX_CONTAINERS);
    expect(storedLog(state, "u1", "nginx")).toEqual([]);
    expect(storedLog(state, "p0", "c")).toEqual([{ at: 0, text: "x" }]);
  });

  it("survive a save and restore, and a malformed or oversized entry is refused", async () => {
    const state = structuredClone(await baseCluster());
    appendStoredLog(state, "u1", "nginx", [{ at: 1, text: "GET /" }]);
    expect(storedLog(migrateAndValidate(JSON.parse(JSON.stringify(state))), "u1", "nginx")).toEqual([{ at: 1, text: "GET /" }]);
    const bad = (containerLogs: unknown) => () => migrateAndValidate({ ...structuredClone(state), containerLogs });
    expect(bad({ "u1/nginx": [{ at: "1", text: "x" }] })).toThrow(/containerLogs entry "u1\/nginx"/);
    expect(bad([])).toThrow(/containerLogs/);
    expect(bad({ "u1/nginx": Array.from({ length: MAX_LINES_PER_CONTAINER + 1 }, (_, i) => ({ at: i, text: "" })) })).toThrow(
      /containerLogs entry/,
    );
  });
});
