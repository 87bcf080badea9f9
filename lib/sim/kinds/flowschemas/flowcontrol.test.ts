import { describe, expect, it } from "vitest";
import { DAY, NOW, messages, meta, obj, strategyContext } from "../__tests__/fixtures";
import { HAVE_KUBECTL, cells, withKubectl } from "../__tests__/kubectl-oracle";
import { makeWorld } from "../__tests__/world";
import { prioritylevelconfigurations, type PriorityLevelConfiguration } from "../prioritylevelconfigurations";
import { flowschemas, type FlowSchema } from ".";

/** Two of the apiserver's bootstrap flow schemas and priority levels (apiserver/pkg/apis/flowcontrol/bootstrap/default.go). */
function bootstrap() {
  const fs = (name: string, pl: string, precedence: number, by?: string): FlowSchema =>
    obj(
      "flowcontrol.apiserver.k8s.io/v1",
      "FlowSchema",
      meta(name, undefined, 30 * DAY, { annotations: { "apf.kubernetes.io/autoupdate-spec": "true" } }),
      {
        spec: {
          priorityLevelConfiguration: { name: pl },
          matchingPrecedence: precedence,
          ...(by ? { distinguisherMethod: { type: by } } : {}),
          rules: [
            {
              subjects: [{ kind: "Group", group: { name: "system:masters" } }],
              resourceRules: [{ verbs: ["*"], apiGroups: ["*"], resources: ["*"], clusterScope: true, namespaces: ["*"] }],
            },
          ],
        },
        status: {
          conditions: [
            {
              type: "Dangling",
              status: "False",
              reason: "Found",
              message: 'This FlowSchema references the PriorityLevelConfiguration object named "exempt" and it exists',
            },
          ],
        },
      },
    );
  const schemas = [fs("exempt", "exempt", 1), fs("global-default", "global-default", 9900, "ByUser")];
  const pl = (name: string, spec: PriorityLevelConfiguration["spec"]): PriorityLevelConfiguration =>
    obj("flowcontrol.apiserver.k8s.io/v1", "PriorityLevelConfiguration", meta(name, undefined, 30 * DAY), { spec });
  const levels = [
    pl("exempt", { type: "Exempt", exempt: {} }),
    pl("global-default", {
      type: "Limited",
      limited: {
        nominalConcurrencyShares: 20,
        lendablePercent: 50,
        limitResponse: { type: "Queue", queuing: { queues: 128, handSize: 6 } },
      },
    }),
  ];
  for (const s of schemas) flowschemas.defaults?.(s);
  for (const l of levels) prioritylevelconfigurations.defaults?.(l);
  return { schemas, levels };
}

describe("flowschemas and prioritylevelconfigurations", () => {
  it("are cluster-scoped flowcontrol.apiserver.k8s.io/v1 resources with status", () => {
    for (const k of [flowschemas, prioritylevelconfigurations])
      expect([k.resource.group, k.resource.version, k.resource.namespaced, k.resource.subresources?.map((s) => s.name)]).toEqual([
        "flowcontrol.apiserver.k8s.io",
        "v1",
        false,
        ["status"],
      ]);
  });

  it("default precedence 1000, shares 30 and queuing 64/8/50 (pkg/apis/flowcontrol/v1/defaults.go)", () => {
    const fs: FlowSchema = obj("flowcontrol.apiserver.k8s.io/v1", "FlowSchema", meta("f", undefined, 0), {
      spec: { priorityLevelConfiguration: { name: "p" } },
    });
    flowschemas.defaults?.(fs);
    expect(fs.spec?.matchingPrecedence).toBe(1000);
    const pl: PriorityLevelConfiguration = obj("flowcontrol.apiserver.k8s.io/v1", "PriorityLevelConfiguration", meta("p", undefined, 0), {
      spec: { type: "Limited", limited: { limitResponse: { type: "Queue", queuing: {} } } },
    });
    prioritylevelconfigurations.defaults?.(pl);
    expect(pl.spec?.limited).toEqual({
      nominalConcurrencyShares: 30,
      lendablePercent: 0,
      limitResponse: { type: "Queue", queuing: { handSize: 8, queues: 64, queueLengthLimit: 50 } },
    });
    expect(bootstrap().levels[0].spec?.exempt).toEqual({ nominalConcurrencyShares: 0, lendablePercent: 0 });
  });

  it("validate with the apiserver's messages (ValidateFlowSchemaSpec, ValidatePriorityLevelConfigurationSpec)", () => {
    const fs: FlowSchema = obj("flowcontrol.apiserver.k8s.io/v1", "FlowSchema", meta("mine", undefined, 0), {
      spec: {
        matchingPrecedence: 1,
        priorityLevelConfiguration: {},
        rules: [{ subjects: [{ kind: "User" }], resourceRules: [{ verbs: ["get", "read"], apiGroups: [""], resources: ["pods"] }] }],
      },
    });
    expect(messages(flowschemas.validate?.(fs, strategyContext()) ?? [])).toEqual([
      "spec.matchingPrecedence: Invalid value: 1: only the schema named 'exempt' may have matchingPrecedence 1",
      "spec.priorityLevelConfiguration.name: Required value: must reference a priority level",
      "spec.rules[0].subjects[0].user: Required value: user is required when subject kind is 'User'",
      'spec.rules[0].resourceRules[0].verbs: Unsupported value: []string{"get", "read"}: supported values: "*", "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"',
      "spec.rules[0].resourceRules[0].namespaces: Required value: resource rules that are not cluster scoped must supply at least one namespace",
    ]);
    const pl: PriorityLevelConfiguration = obj("flowcontrol.apiserver.k8s.io/v1", "PriorityLevelConfiguration", meta("p", undefined, 0), {
      spec: {
        type: "Limited",
        limited: {
          nominalConcurrencyShares: 5,
          limitResponse: { type: "Queue", queuing: { queues: 4, handSize: 8, queueLengthLimit: 50 } },
        },
      },
    });
    expect(messages(prioritylevelconfigurations.validate?.(pl, strategyContext()) ?? [])).toEqual([
      "spec.limited.limitResponse.queuing.handSize: Invalid value: 8: should not be greater than queues (4)",
    ]);
  });

  it.skipIf(!HAVE_KUBECTL)("list as real kubectl (printers.go printFlowSchema, printPriorityLevelConfiguration)", async () => {
    const { schemas, levels } = bootstrap();
    await withKubectl(makeWorld([flowschemas, prioritylevelconfigurations], [...schemas, ...levels]), NOW, async (kubectl) => {
      expect(cells((await kubectl("get", "flowschemas")).stdout)).toEqual([
        ["NAME", "PRIORITYLEVEL", "MATCHINGPRECEDENCE", "DISTINGUISHERMETHOD", "AGE", "MISSINGPL"],
        ["exempt", "exempt", "1", "<none>", "30d", "False"],
        ["global-default", "global-default", "9900", "ByUser", "30d", "False"],
      ]);
      expect(cells((await kubectl("get", "prioritylevelconfigurations")).stdout)).toEqual([
        ["NAME", "TYPE", "NOMINALCONCURRENCYSHARES", "QUEUES", "HANDSIZE", "QUEUELENGTHLIMIT", "AGE"],
        ["exempt", "Exempt", "<none>", "<none>", "<none>", "<none>", "30d"],
        ["global-default", "Limited", "20", "128", "6", "50", "30d"],
      ]);
    });
  });
});
