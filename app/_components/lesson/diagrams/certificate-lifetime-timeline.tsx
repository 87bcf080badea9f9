import { DiagramFigure, LINE, Label } from "./primitives";

const W = 780;
const X0 = 20;
const PX = 1.45; // px per day, days 0..400
const AXIS_END = X0 + 400 * PX; // 600
const TAIL_X = AXIS_END + 40;
const TAIL_END = W - 20;
const day = (d: number) => X0 + d * PX;

const BAR = 16;
const ROWS = { ca: 40, leaf: 110, renew: 200, kubelet: 290 };
const AXIS_Y = 360;
const H = AXIS_Y + 44;

const DESC =
  "A time axis from day 0 to day 400, then a compressed tail to year 10. On day 0 kubeadm init creates the CAs, valid 10 years, and the leaf certificates, valid 365 days. " +
  "The bar of kubeadm-managed leaf certificates runs from day 0 to day 365; from day 365 on they are expired and the control plane is locked out. " +
  "kubeadm upgrade apply renews all of them, and so does kubeadm certs renew all; either one, run before day 365, restarts the 365 days. " +
  "The kubelet client certificate is rotated between 70% and 90% of its lifetime, renewed by the kubelet itself through a CSR. " +
  "At year 10 the CAs expire; kubeadm does not renew them.";

function Bar({ from, to, y, className, dashed = false }: { from: number; to: number; y: number; className: string; dashed?: boolean }) {
  return (
    <rect
      x={from}
      y={y}
      width={Math.max(2, to - from)}
      height={BAR}
      rx={4}
      className={className}
      strokeWidth={1.5}
      strokeDasharray={dashed ? "5 3" : undefined}
    />
  );
}

const LEAF = "fill-indigo-200 stroke-indigo-500 dark:fill-indigo-500/40 dark:stroke-indigo-400";
const CA = "fill-slate-200 stroke-slate-500 dark:fill-slate-700 dark:stroke-slate-400";
const RED = "fill-rose-200 stroke-rose-500 dark:fill-rose-500/30 dark:stroke-rose-400";
const KUBELET = "fill-emerald-200 stroke-emerald-600 dark:fill-emerald-500/30 dark:stroke-emerald-400";

export function CertificateLifetimeTimeline() {
  return (
    <DiagramFigure
      title="Certificate lifetimes in a kubeadm cluster, from kubeadm init to year 10"
      desc={DESC}
      caption="Leaf certificates live 365 days from kubeadm init unless kubeadm upgrade apply or kubeadm certs renew all restarts them; the kubelet rotates its own client certificate; the CAs last 10 years and kubeadm does not renew them."
      width={W}
      height={H}
      minWidth={640}
    >
      {({ arrow }) => (
        <>
          {/* CAs: 10 years */}
          <Label x={X0} y={ROWS.ca - 8} muted={false}>
            <tspan fontWeight={600}>CAs</tspan> (ca.crt, etcd/ca.crt, front-proxy-ca.crt): 10 years
          </Label>
          <Bar from={day(0)} to={AXIS_END + 14} y={ROWS.ca} className={CA} />
          <Bar from={TAIL_X - 6} to={TAIL_END - 8} y={ROWS.ca} className={CA} />
          <path d={`M${TAIL_END - 4} ${ROWS.ca - 6}V${AXIS_Y}`} className="stroke-rose-500" strokeWidth={2} fill="none" />
          <Label x={TAIL_END - 10} y={ROWS.ca + 34} anchor="end">
            CA expiry, year 10:
          </Label>
          <Label x={TAIL_END - 10} y={ROWS.ca + 48} anchor="end">
            not renewed by kubeadm
          </Label>

          {/* Leaves: 365 days, then locked out */}
          <Label x={X0} y={ROWS.leaf - 8} muted={false}>
            <tspan fontWeight={600}>kubeadm-managed leaf certificates</tspan>: 365 days
          </Label>
          <Bar from={day(0)} to={day(365)} y={ROWS.leaf} className={LEAF} />
          <Bar from={day(365)} to={AXIS_END + 14} y={ROWS.leaf} className={RED} dashed />
          <Label x={day(365) + 4} y={ROWS.leaf + BAR + 16} size={11}>
            <tspan className="fill-rose-700 dark:fill-rose-400" fontWeight={600}>
              expired from day 365:
            </tspan>
          </Label>
          <Label x={day(365) + 4} y={ROWS.leaf + BAR + 30} size={11}>
            <tspan className="fill-rose-700 dark:fill-rose-400">control plane locked out</tspan>
          </Label>

          {/* Renewal restarts the clock */}
          <Label x={X0} y={ROWS.renew - 8} muted={false}>
            <tspan fontWeight={600}>Renewing before day 365</tspan> restarts the 365 days
          </Label>
          <Bar from={day(0)} to={day(180)} y={ROWS.renew} className={LEAF} />
          <Bar from={day(180)} to={AXIS_END + 14} y={ROWS.renew} className={LEAF} dashed />
          <path d={`M${day(180)} ${ROWS.renew - 4}V${ROWS.renew + BAR + 6}`} className={LINE} strokeWidth={2} fill="none" />
          <Label x={day(180)} y={ROWS.renew + BAR + 20} anchor="middle" muted={false} size={11}>
            <tspan fontFamily="var(--font-mono)">kubeadm upgrade apply</tspan>
          </Label>
          <Label x={day(180)} y={ROWS.renew + BAR + 34} anchor="middle" size={11}>
            (renews all)
          </Label>
          <path d={`M${day(330)} ${ROWS.renew - 4}V${ROWS.renew + BAR + 6}`} className={LINE} strokeWidth={2} fill="none" />
          <Label x={day(330)} y={ROWS.renew + BAR + 20} anchor="middle" muted={false} size={11}>
            <tspan fontFamily="var(--font-mono)">kubeadm certs renew all</tspan>
          </Label>
          <Label x={day(330)} y={ROWS.renew + BAR + 34} anchor="middle" size={11}>
            (or this: a new 365 days)
          </Label>

          {/* kubelet rotation */}
          <Label x={X0} y={ROWS.kubelet - 8} muted={false}>
            <tspan fontWeight={600}>kubelet client certificate</tspan>: rotated at 70–90% of its lifetime
          </Label>
          <Bar from={day(0)} to={day(365)} y={ROWS.kubelet} className={KUBELET} />
          <rect
            x={day(255)}
            y={ROWS.kubelet - 4}
            width={day(329) - day(255)}
            height={BAR + 8}
            rx={4}
            fill="none"
            className="stroke-emerald-700 dark:stroke-emerald-300"
            strokeWidth={1.5}
            strokeDasharray="3 3"
          />
          <path
            d={`M${day(300)} ${ROWS.kubelet + BAR + 4}v22`}
            className={LINE}
            strokeWidth={1.5}
            fill="none"
            markerEnd={`url(#${arrow})`}
          />
          <Label x={day(300) + 8} y={ROWS.kubelet + BAR + 26} size={11}>
            renewed by the kubelet itself via a CSR
          </Label>

          {/* Axis */}
          <path d={`M${X0} ${AXIS_Y}H${AXIS_END + 14}`} className={LINE} strokeWidth={1.5} fill="none" />
          <path
            d={`M${AXIS_END + 14} ${AXIS_Y - 6}l8 12M${AXIS_END + 22} ${AXIS_Y - 6}l8 12`}
            className={LINE}
            strokeWidth={1.5}
            fill="none"
          />
          <path d={`M${TAIL_X - 6} ${AXIS_Y}H${TAIL_END}`} className={LINE} strokeWidth={1.5} fill="none" />
          {[0, 100, 200, 300, 365, 400].map((d) => (
            <g key={d}>
              <path d={`M${day(d)} ${AXIS_Y - 4}v8`} className={LINE} strokeWidth={1.5} />
              <Label x={day(d)} y={AXIS_Y + 20} anchor="middle" size={11} muted={d !== 365}>
                {d === 0 ? "day 0" : String(d)}
              </Label>
            </g>
          ))}
          <Label x={day(0)} y={AXIS_Y + 34} size={11}>
            kubeadm init
          </Label>
          <Label x={TAIL_END - 4} y={AXIS_Y + 20} anchor="end" size={11}>
            year 10
          </Label>
        </>
      )}
    </DiagramFigure>
  );
}
