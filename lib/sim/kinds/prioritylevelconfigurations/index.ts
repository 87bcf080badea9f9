/**
 * flowcontrol.apiserver.k8s.io/v1 prioritylevelconfigurations (cluster-scoped, status subresource).
 * Defaulting: pkg/apis/flowcontrol/v1/defaults.go (limited: nominalConcurrencyShares 30 unless
 * the zero-shares round-trip annotation is set, lendablePercent 0; queuing: queues 64, handSize 8,
 * queueLengthLimit 50; exempt: nominalConcurrencyShares 0, lendablePercent 0).
 * Validation: pkg/apis/flowcontrol/validation/validation.go ValidatePriorityLevelConfigurationSpec
 * (type Exempt iff name exempt, limited/limitResponse/queuing bounds; v1 allows zero shares).
 * Table: printers.go printPriorityLevelConfiguration (numbers, or "<none>" for exempt levels).
 * No describer.
 */
import { forbidden, invalid, notSupported, required, type FieldError } from "../../api/field";
import type { KindDef } from "../types";
import type { Typed } from "../_shared/core-types";
import { resourceInfo, statusSubresource } from "../_shared/discovery";
import { SWAGGER } from "../_shared/swagger-docs";
import { ageCell, ageColumn, column, nameColumn } from "../_shared/table";

interface Queuing {
  queues?: number;
  handSize?: number;
  queueLengthLimit?: number;
}
export type PriorityLevelConfiguration = Typed<{
  spec?: {
    type?: string;
    limited?: {
      nominalConcurrencyShares?: number;
      limitResponse?: { type?: string; queuing?: Queuing };
      lendablePercent?: number;
      borrowingLimitPercent?: number;
    };
    exempt?: { nominalConcurrencyShares?: number; lendablePercent?: number };
  };
  status?: { conditions?: unknown[] };
}>;

const PRESERVE_ZERO_SHARES = "flowcontrol.k8s.io/v1-preserve-zero-concurrency-shares";
const MAX_QUEUES = 10000000;

/** shufflesharding.RequiredEntropyBits: ceil(log2(deckSize^handSize)) */
const entropyBits = (deck: number, hand: number): number => Math.ceil(Math.log2(deck) * hand);

function validateQueuing(q: Queuing, p: string): FieldError[] {
  const errs: FieldError[] = [];
  const [queues, hand, limit] = [q.queues ?? 0, q.handSize ?? 0, q.queueLengthLimit ?? 0];
  if (limit <= 0) errs.push(invalid(`${p}.queueLengthLimit`, limit, "must be positive"));
  if (queues <= 0) errs.push(invalid(`${p}.queues`, queues, "must be positive"));
  else if (queues > MAX_QUEUES) errs.push(invalid(`${p}.queues`, queues, `must not be greater than ${MAX_QUEUES}`));
  if (hand <= 0) errs.push(invalid(`${p}.handSize`, hand, "must be positive"));
  else if (hand > queues) errs.push(invalid(`${p}.handSize`, hand, `should not be greater than queues (${queues})`));
  else if (entropyBits(queues, hand) > 60)
    errs.push(
      invalid(`${p}.handSize`, hand, `required entropy bits of deckSize ${queues} and handSize ${hand} should not be greater than 60`),
    );
  return errs;
}

function validateSpec(pl: PriorityLevelConfiguration): FieldError[] {
  const spec = pl.spec ?? {};
  const errs: FieldError[] = [];
  const type = spec.type ?? "";
  if ((pl.metadata.name === "exempt") !== (type === "Exempt"))
    errs.push(invalid("spec.type", type, "type must be 'Exempt' if and only if name is 'exempt'"));
  switch (type) {
    case "Exempt":
      if (spec.limited) errs.push(forbidden("spec.limited", "must be nil if the type is not Limited"));
      break;
    case "Limited": {
      const l = spec.limited;
      if (!l) {
        errs.push(required("spec.limited", "must not be empty when type is Limited"));
        break;
      }
      const ncs = l.nominalConcurrencyShares ?? 0;
      if (ncs < 0) errs.push(invalid("spec.limited.nominalConcurrencyShares", ncs, "must be a non-negative integer"));
      const lr = l.limitResponse ?? {};
      switch (lr.type) {
        case "Reject":
          if (lr.queuing)
            errs.push(forbidden("spec.limited.limitResponse.queuing", "must be nil if limited.limitResponse.type is not Limited"));
          break;
        case "Queue":
          if (!lr.queuing)
            errs.push(required("spec.limited.limitResponse.queuing", "must not be empty if limited.limitResponse.type is Limited"));
          else errs.push(...validateQueuing(lr.queuing, "spec.limited.limitResponse.queuing"));
          break;
        default:
          errs.push(notSupported("spec.limited.limitResponse.type", lr.type ?? "", ["Queue", "Reject"]));
      }
      if (l.lendablePercent !== undefined && (l.lendablePercent < 0 || l.lendablePercent > 100))
        errs.push(invalid("spec.limited.lendablePercent", l.lendablePercent, "must be between 0 and 100, inclusive"));
      if (l.borrowingLimitPercent !== undefined && l.borrowingLimitPercent < 0)
        errs.push(invalid("spec.limited.borrowingLimitPercent", l.borrowingLimitPercent, "if specified, must be a non-negative integer"));
      break;
    }
    default:
      errs.push(notSupported("spec.type", type, ["Exempt", "Limited"]));
  }
  return errs;
}

export const prioritylevelconfigurations: KindDef<PriorityLevelConfiguration> = {
  resource: resourceInfo("flowcontrol.apiserver.k8s.io/v1", "PriorityLevelConfiguration", "prioritylevelconfigurations", false, {
    subresources: [statusSubresource()],
  }),
  defaults(pl) {
    const spec = (pl.spec ??= {});
    const l = spec.limited;
    if (l) {
      if (l.nominalConcurrencyShares === undefined && pl.metadata.annotations?.[PRESERVE_ZERO_SHARES] === undefined)
        l.nominalConcurrencyShares = 30;
      l.lendablePercent ??= 0;
      const q = l.limitResponse?.queuing;
      if (q) {
        if (!q.handSize) q.handSize = 8;
        if (!q.queues) q.queues = 64;
        if (!q.queueLengthLimit) q.queueLengthLimit = 50;
      }
    }
    if (spec.exempt) {
      spec.exempt.nominalConcurrencyShares ??= 0;
      spec.exempt.lendablePercent ??= 0;
    }
  },
  validate: validateSpec,
  validateUpdate: validateSpec,
  strategy: {
    statusSubresource: true,
    tracksGeneration: true,
    prepareForCreate(pl) {
      pl.status = {};
    },
  },
  table: {
    columns: [
      nameColumn(),
      column("Type", "string", SWAGGER.plType),
      column("NominalConcurrencyShares", "string", SWAGGER.plShares),
      column("Queues", "string", SWAGGER.plQueues),
      column("HandSize", "string", SWAGGER.plHandSize),
      column("QueueLengthLimit", "string", SWAGGER.plQueueLengthLimit),
      ageColumn(),
    ],
    rows(pl, { now }) {
      const l = pl.spec?.limited;
      const q = l?.limitResponse?.queuing;
      return [
        [
          pl.metadata.name,
          pl.spec?.type ?? "",
          l ? (l.nominalConcurrencyShares ?? 0) : "<none>",
          q ? (q.queues ?? 0) : "<none>",
          q ? (q.handSize ?? 0) : "<none>",
          q ? (q.queueLengthLimit ?? 0) : "<none>",
          ageCell(pl, now),
        ],
      ];
    },
  },
};
