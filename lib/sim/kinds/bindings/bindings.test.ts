import { describe, expect, it } from "vitest";
import { messages, meta, strategyContext } from "../__tests__/fixtures";
import { bindings, type Binding } from ".";

describe("bindings", () => {
  it("is core/v1 bindings, namespaced and create-only (BindingREST)", () => {
    const r = bindings.resource;
    expect([r.kind, r.namespaced, r.verbs, r.shortNames]).toEqual(["Binding", true, ["create"], []]);
  });

  it("binds to a Node by name (ValidatePodBinding)", () => {
    const b: Binding = { apiVersion: "v1", kind: "Binding", metadata: meta("web-0", "default", 0), target: { kind: "Service" } };
    expect(messages(bindings.validate?.(b, strategyContext()) ?? [])).toEqual([
      'target.kind: Unsupported value: "Service": supported values: "Node", "<empty>"',
      "target.name: Required value",
    ]);
    expect(bindings.validate?.({ ...b, target: { name: "worker-1" } }, strategyContext())).toEqual([]);
  });
});
