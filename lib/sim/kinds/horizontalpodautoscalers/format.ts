/**
 * The HPA's metrics as text: printers.go formatHPAMetrics (the TARGETS column, two at most) and
 * describe.go describeHorizontalPodAutoscalerV2's metric lines.
 */
import { goQuote } from "../../api/field";
import { LEVEL_0, LEVEL_1, type Writer } from "../_shared/prefix-writer";
import { parseQuantity, quantityString } from "../_shared/quantity";
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from "./types";

/** (*Quantity).String() of an optional quantity: "<nil>" for a nil pointer (every HPA quantity is a pointer). */
export function q(raw: string | number | undefined): string {
  if (raw === undefined) return "<nil>";
  const p = parseQuantity(raw);
  return "error" in p ? String(raw) : quantityString(p);
}

/** formatHPAMetrics */
export function formatHPAMetrics(specs: MetricSpec[] | undefined, statuses: MetricStatus[] | null | undefined): string {
  const list: string[] = [];
  const st = statuses ?? [];
  if (!specs?.length) return "<none>";
  specs.forEach((spec, i) => {
    const s = st[i];
    switch (spec.type) {
      case "External": {
        const t = spec.external?.target ?? {};
        if (t.averageValue !== undefined)
          list.push(
            `${s?.external?.current?.averageValue !== undefined ? q(s.external.current.averageValue) : "<unknown>"}/${q(t.averageValue)} (avg)`,
          );
        else list.push(`${s?.external ? q(s.external.current?.value) : "<unknown>"}/${q(t.value)}`);
        break;
      }
      case "Pods":
        list.push(`${s?.pods ? q(s.pods.current?.averageValue) : "<unknown>"}/${q(spec.pods?.target?.averageValue)}`);
        break;
      case "Object": {
        const t = spec.object?.target ?? {};
        if (t.averageValue !== undefined)
          list.push(
            `${s?.object?.current?.averageValue !== undefined ? q(s.object.current.averageValue) : "<unknown>"}/${q(t.averageValue)} (avg)`,
          );
        else list.push(`${s?.object ? q(s.object.current?.value) : "<unknown>"}/${q(t.value)}`);
        break;
      }
      case "Resource":
      case "ContainerResource": {
        const src = spec.type === "Resource" ? spec.resource : spec.containerResource;
        const cur = spec.type === "Resource" ? s?.resource : s?.containerResource;
        const t = src?.target ?? {};
        if (t.averageValue !== undefined)
          list.push(`${src?.name ?? ""}: ${cur ? q(cur.current?.averageValue) : "<unknown>"}/${q(t.averageValue)}`);
        else {
          const current = cur?.current?.averageUtilization !== undefined ? `${cur.current.averageUtilization}%` : "<unknown>";
          list.push(`${src?.name ?? ""}: ${current}/${t.averageUtilization !== undefined ? `${t.averageUtilization}%` : "<auto>"}`);
        }
        break;
      }
      default:
        list.push("<unknown type>");
    }
  });
  const max = 2;
  return specs.length > max ? `${list.slice(0, max).join(", ")} + ${specs.length - max} more...` : list.join(", ");
}

/** The "Metrics: ( current / target )" lines of describeHorizontalPodAutoscalerV2. */
export function describeMetrics(hpa: HorizontalPodAutoscaler, w: Writer): void {
  const st = hpa.status?.currentMetrics ?? [];
  (hpa.spec?.metrics ?? []).forEach((m, i) => {
    const s = st[i];
    switch (m.type) {
      case "External": {
        const t = m.external?.target ?? {};
        const name = goQuote(m.external?.metric?.name ?? "");
        if (t.averageValue !== undefined) {
          const cur = s?.external?.current?.averageValue !== undefined ? q(s.external.current.averageValue) : "<unknown>";
          w.write(LEVEL_1, `${name} (target average value):\t${cur} / ${q(t.averageValue)}\n`);
        } else w.write(LEVEL_1, `${name} (target value):\t${s?.external ? q(s.external.current?.value) : "<unknown>"} / ${q(t.value)}\n`);
        break;
      }
      case "Pods":
        w.write(
          LEVEL_1,
          `${goQuote(m.pods?.metric?.name ?? "")} on pods:\t${s?.pods ? q(s.pods.current?.averageValue) : "<unknown>"} / ${q(m.pods?.target?.averageValue)}\n`,
        );
        break;
      case "Object": {
        const o = m.object ?? {};
        w.write(LEVEL_1, `"${o.metric?.name ?? ""}" on ${o.describedObject?.kind ?? ""}/${o.describedObject?.name ?? ""} `);
        if (o.target?.type === "AverageValue")
          w.write(
            LEVEL_0,
            `(target average value):\t${s?.object ? q(s.object.current?.averageValue) : "<unknown>"} / ${q(o.target.averageValue)}\n`,
          );
        else w.write(LEVEL_0, `(target value):\t${s?.object ? q(s.object.current?.value) : "<unknown>"} / ${q(o.target?.value)}\n`);
        break;
      }
      case "Resource":
      case "ContainerResource": {
        const src = m.type === "Resource" ? m.resource : m.containerResource;
        const cur = m.type === "Resource" ? s?.resource : s?.containerResource;
        w.write(
          LEVEL_1,
          m.type === "Resource"
            ? `resource ${src?.name ?? ""} on pods`
            : `resource ${src?.name ?? ""} of container "${m.containerResource?.container ?? ""}" on pods`,
        );
        const t = src?.target ?? {};
        if (t.averageValue !== undefined)
          w.write(LEVEL_0, `:\t${cur ? q(cur.current?.averageValue) : "<unknown>"} / ${q(t.averageValue)}\n`);
        else {
          const current =
            cur?.current?.averageUtilization !== undefined
              ? `${cur.current.averageUtilization}% (${q(cur.current.averageValue)})`
              : "<unknown>";
          w.write(
            LEVEL_1,
            `(as a percentage of request):\t${current} / ${t.averageUtilization !== undefined ? `${t.averageUtilization}%` : "<auto>"}\n`,
          );
        }
        break;
      }
      default:
        w.write(LEVEL_1, `<unknown metric type ${goQuote(m.type ?? "")}>\n`);
    }
  });
}
