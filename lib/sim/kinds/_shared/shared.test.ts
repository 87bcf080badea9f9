import { describe, expect, it } from "vitest";
import { camelcaseSplit, goV, smartLabelFor } from "./generic-describe";
import { formatLabels, formatLabelSelector, selectorMatches, selectorString } from "./labels";
import { isDNS1123Label, isQualifiedName, maxLenError, nameIsDNSSubdomain, validatePathSegmentName } from "./names";
import { imageTag } from "./pod-defaults";
import { canonicalQuantity, cmp, parseQuantity, quantityString, type Quantity } from "./quantity";

const q = (s: string): Quantity => {
  const r = parseQuantity(s);
  if ("error" in r) throw new Error(r.error);
  return r;
};

describe("resource.Quantity", () => {
  it("parses to the values of apimachinery's TestQuantityParse (pkg/api/resource/quantity_test.go)", () => {
    const cases: [string, bigint, number][] = [
      ["8Ki", 8192n, 0],
      ["7Mi", 7n * 1024n * 1024n, 0],
      ["50k", 5n, 4],
      ["1E", 1n, 18],
      ["1E-3", 1n, -3],
      ["100.035k", 100035n, 0],
      ["0.0005k", 5n, -1],
      ["10.035M", 10035n, 3],
      ["1.3E+6", 13n, 5],
      ["6.987654321G", 6987654321n, 0],
      ["3.001n", 4n, -9],
      ["1.1E-9", 2n, -9],
      ["0.0000000005", 1n, -9],
    ];
    for (const [s, mant, scale] of cases) expect(cmp(q(s), { mant, scale, format: "DecimalSI" }), s).toBe(0);
    expect(q("1E-3").format).toBe("DecimalExponent");
    expect(q("1Ki").format).toBe("BinarySI");
  });

  it("prints the canonical form of TestQuantityParseEmit, negated too", () => {
    const cases: [string, string][] = [
      ["1Ki", "1Ki"],
      ["1Mi", "1Mi"],
      ["1Gi", "1Gi"],
      ["1024Mi", "1Gi"],
      ["1000M", "1G"],
      [".001Ki", "1024m"],
      [".000001Ki", "1024u"],
      [".000000001Ki", "1024n"],
      [".000000000001Ki", "2n"],
    ];
    for (const [input, out] of cases) {
      expect(quantityString(q(input)), input).toBe(out);
      expect(quantityString(q("-" + input)), "-" + input).toBe("-" + out);
    }
  });

  it("canonicalises what users write in manifests", () => {
    expect(["1000", "0.5", "1500", "1.5Gi", "500m", "2", "128974848", "1e3", "100Mi"].map((s) => canonicalQuantity(s))).toEqual([
      "1k",
      "500m",
      "1500",
      "1536Mi",
      "500m",
      "2",
      "128974848",
      "1e3",
      "100Mi",
    ]);
    expect(canonicalQuantity("0.1m", true)).toBe("1m"); // SetDefaults_ResourceList rounds up to milli
    expect(parseQuantity("1K")).toEqual({ error: "unable to parse quantity's suffix" });
    expect(parseQuantity("abc")).toEqual({
      error: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    });
  });
});

describe("names (apimachinery pkg/util/validation)", () => {
  it("words RFC 1123 label errors with RegexError's double space before 'or'", () => {
    expect(isDNS1123Label("My_Name")).toEqual([
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(isDNS1123Label("a".repeat(64))).toEqual([maxLenError(63)]);
    expect(nameIsDNSSubdomain("web-", true)).toEqual([]);
    expect(validatePathSegmentName("a/b", false)).toEqual(["may not contain '/'"]);
  });

  it("checks qualified names with a prefix", () => {
    expect(isQualifiedName("example.com/app")).toEqual([]);
    expect(isQualifiedName("/app")).toEqual(["prefix part must be non-empty"]);
  });
});

describe("labels and selectors (pkg/labels)", () => {
  it("sorts Set.String() as strings and selectors by key", () => {
    expect(formatLabels({ "a-b": "1", a: "2" })).toBe("a-b=1,a=2");
    expect(formatLabels({})).toBe("<none>");
    expect(
      selectorString({
        matchLabels: { tier: "web" },
        matchExpressions: [
          { key: "env", operator: "In", values: ["prod", "dev"] },
          { key: "x", operator: "DoesNotExist" },
        ],
      }),
    ).toBe("env in (dev,prod),tier=web,!x");
    expect(formatLabelSelector({})).toBe("<none>");
    expect(formatLabelSelector({ matchExpressions: [{ key: "a", operator: "Foo" }] })).toBe("<error>");
  });

  it("matches: nil matches nothing, empty matches everything", () => {
    expect(selectorMatches(undefined, { a: "b" })).toBe(false);
    expect(selectorMatches({}, { a: "b" })).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: "a", operator: "NotIn", values: ["b"] }] }, {})).toBe(true);
  });
});

describe("image tags (parsers.ParseImageName for imagePullPolicy)", () => {
  it("finds latest for untagged names and none for digests", () => {
    expect(
      ["nginx", "nginx:1.25", "localhost:5000/nginx", "registry.k8s.io/pause:3.10", "nginx@sha256:abc", "NGINX"].map(imageTag),
    ).toEqual(["latest", "1.25", "latest", "3.10", "", ""]);
  });
});

describe("smartLabelFor (describe.go) and fmt %v", () => {
  it("splits camel case like fatih/camelcase and upper-cases the known acronyms", () => {
    expect(camelcaseSplit("PDFLoader")).toEqual(["PDF", "Loader"]);
    expect(["apiVersion", "uid", "podIP", "hostIPs", "x509", "ownerReferences"].map(smartLabelFor)).toEqual([
      "API Version",
      "UID",
      "Pod IP",
      "Host I Ps",
      "x509",
      "Owner References",
    ]);
    expect(goV([1, "a", true, { b: 2 }, null])).toBe("[1 a true map[b:2] <nil>]");
  });
});

describe("container resource names (validation.go validateContainerResourceName, helpers.go)", () => {
  it("reports both name errors for an unqualified unknown name, and requires limits for extended resources", async () => {
    const { validateResourceRequirements } = await import("./container-validation");
    const { errorString } = await import("../../api/field");
    expect(
      validateResourceRequirements({ limits: { gpu: "1" }, requests: { "example.com/foo": "2" } }, "spec.containers[0].resources").map(
        errorString,
      ),
    ).toEqual([
      'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
      // an extended resource cannot be overcommitted: it needs a limit equal to its request
      "spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources",
    ]);
  });
});
