import { describe, expect, it } from "vitest";
import { goJson, toJson } from "./json";
import { toYaml } from "./yaml";

describe("toYaml (sigs.k8s.io/yaml style)", () => {
  it("sorts keys, does not indent sequences and quotes what YAML 1.1 would misread", () => {
    const y = toYaml({
      spec: { usages: ["client auth"], expirationSeconds: 86400 },
      metadata: { resourceVersion: "12", creationTimestamp: "2026-11-28T09:04:10Z", labels: { a: "" } },
      kind: "X",
      on: "y",
    });
    expect(y).toBe(`kind: X
metadata:
  creationTimestamp: "2026-11-28T09:04:10Z"
  labels:
    a: ""
  resourceVersion: "12"
"on": "y"
spec:
  expirationSeconds: 86400
  usages:
  - client auth
`);
  });
  it("prints multi-line strings as literal blocks", () => {
    expect(toYaml({ a: "x\ny\n", b: "x\ny" })).toBe("a: |\n  x\n  y\nb: |-\n  x\n  y\n");
  });
});

describe("json", () => {
  it("indents by 4, sorts keys and escapes HTML characters like Go", () => {
    expect(toJson({ b: 1, a: ["<x>"], c: {} })).toBe('{\n    "a": [\n        "\\u003cx\\u003e"\n    ],\n    "b": 1,\n    "c": {}\n}\n');
    expect(goJson({ z: 1, a: "&" })).toBe('{"a":"\\u0026","z":1}');
  });
});

describe("toYaml quoting like go-yaml v2", () => {
  // each expected line was printed by real kubectl v1.32 (`create configmap x --from-literal=... -o yaml`)
  it("single-quotes strings that cannot be plain and double-quotes the ones YAML 1.1 would read as another type", () => {
    const data = {
      a: '"a b"',
      b: "*/1 * * * *",
      c: "123",
      d: "true",
      e: "2026-11-28T09:04:10Z",
      f: "",
      g: "y",
      h: "it's",
      i: "x: y",
      k: "-",
      l: "a#b",
      m: " lead",
      o: "~",
      p: "1.5",
      q: "0x1F",
      r: "@x",
      s: "%x",
      t: "{x}",
    };
    expect(toYaml(data)).toBe(`a: '"a b"'
b: '*/1 * * * *'
c: "123"
d: "true"
e: "2026-11-28T09:04:10Z"
f: ""
g: "y"
h: it's
i: 'x: y'
k: '-'
l: a#b
m: ' lead'
o: "~"
p: "1.5"
q: "0x1F"
r: '@x'
s: '%x'
t: '{x}'
`);
  });
});
