import { describe, expect, it } from "vitest";
import { HOUR, MIN, NOW, event, messages, meta, obj, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, withKubectl } from "../__tests__/kubectl-oracle";
import { makeWorld } from "../__tests__/world";
import { events, type Event } from ".";

function podEvents() {
  const pod = obj("v1", "Pod", meta("web-5b7b9c8d4f-2xkqv", "default", HOUR), {});
  const scheduled = event(pod, {
    reason: "Scheduled",
    message: "Successfully assigned default/web-5b7b9c8d4f-2xkqv to worker-1",
    component: "default-scheduler",
    first: HOUR,
  });
  const backoff = event(pod, {
    type: "Warning",
    reason: "BackOff",
    message: "Back-off restarting failed container nginx in pod web-5b7b9c8d4f-2xkqv_default(abc)",
    component: "kubelet",
    first: 50 * MIN,
    last: 45 * MIN,
    count: 3,
  }) as Event;
  backoff.source = { component: "kubelet", host: "worker-1" };
  backoff.involvedObject = { ...backoff.involvedObject, fieldPath: "spec.containers{nginx}" };
  return { pod, scheduled: scheduled as Event, backoff };
}

describe("events (core/v1)", () => {
  it("is core/v1 events, short name ev", () => {
    const r = events.resource;
    expect([r.group, r.kind, r.shortNames, r.namespaced]).toEqual(["", "Event", ["ev"], true]);
  });

  it("prints LAST SEEN, the object as kind/name, and with -o wide subobject, source, first seen and count (printers.go printEvent)", () => {
    const { backoff } = podEvents();
    expect(events.table?.rows(backoff, { now: NOW })).toEqual([
      [
        "45m",
        "Warning",
        "BackOff",
        "pod/web-5b7b9c8d4f-2xkqv",
        "spec.containers{nginx}",
        "kubelet, worker-1",
        backoff.message,
        "50m",
        3,
        backoff.metadata.name,
      ],
    ]);
  });

  it("answers field selectors on involvedObject, reason, source and type (strategy.go ToSelectableFields)", () => {
    const { backoff } = podEvents();
    expect(events.selectableFields?.(backoff)).toMatchObject({
      "involvedObject.name": "web-5b7b9c8d4f-2xkqv",
      "involvedObject.kind": "Pod",
      reason: "BackOff",
      source: "kubelet",
      type: "Warning",
    });
  });

  it("requires the event's namespace to be its object's (legacyValidateEvent)", () => {
    const { backoff } = podEvents();
    backoff.metadata.namespace = "kube-system";
    expect(messages(events.validate?.(backoff, strategyContext()) ?? [])).toEqual([
      'involvedObject.namespace: Invalid value: "default": does not match event.namespace',
    ]);
  });

  it.skipIf(!HAVE_KUBECTL)("lists through real kubectl, plain and wide, filtered by field selector", async () => {
    const { pod, scheduled, backoff } = podEvents();
    await withKubectl(makeWorld([events], [pod, scheduled, backoff]), NOW, async (kubectl) => {
      const plain = await kubectl("get", "events", "--field-selector", "type=Warning");
      expect(plain.stderr).toBe("");
      expect(plain.stdout).toBe(
        `LAST SEEN   TYPE      REASON    OBJECT                     MESSAGE\n45m         Warning   BackOff   pod/web-5b7b9c8d4f-2xkqv   ${backoff.message}\n`,
      );
      const wide = await kubectl(
        "get",
        "ev",
        "-o",
        "wide",
        "--field-selector",
        "involvedObject.name=web-5b7b9c8d4f-2xkqv,reason=Scheduled",
      );
      const [head, row] = wide.stdout.split("\n").map((l) => l.split(/ {2,}/));
      expect(head).toEqual(["LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE", "MESSAGE", "FIRST SEEN", "COUNT", "NAME"]);
      // the empty SUBOBJECT cell merges two column gaps
      expect(row).toEqual([
        "60m",
        "Normal",
        "Scheduled",
        "pod/web-5b7b9c8d4f-2xkqv",
        "default-scheduler",
        scheduled.message,
        "60m",
        "1",
        scheduled.metadata.name,
      ]);
    });
  });
});
