import { Box, DiagramFigure, LINE, Label } from "./primitives";

const W = 740;
const CW = 210;
const API_X = 420;
const ROW = 64;
const TOP = 4;

const SANS = [
  "controlplane",
  "kubernetes",
  "kubernetes.default",
  "kubernetes.default.svc",
  "kubernetes.default.svc.cluster.local",
  "10.96.0.1",
  "172.30.1.2",
];

const CLIENTS: { who: string; sub: string; via: string[]; ok: boolean }[] = [
  { who: "kubectl", sub: "server in the kubeconfig", via: ["172.30.1.2"], ok: true },
  { who: "kubelet", sub: "on controlplane", via: ["172.30.1.2"], ok: true },
  { who: "kubelet", sub: "on node01", via: ["172.30.1.2"], ok: true },
  { who: "a pod", sub: "in-cluster config", via: ["kubernetes.default.svc", "or 10.96.0.1"], ok: true },
  { who: "your laptop", sub: "through an SSH tunnel", via: ["127.0.0.1"], ok: false },
];

const API_H = CLIENTS.length * ROW - 12;
const H = TOP + API_H + 58;

const DESC =
  "Who connects to the API server on controlplane, and by which name. The API server certificate's SAN list holds controlplane, kubernetes, " +
  "kubernetes.default, kubernetes.default.svc, kubernetes.default.svc.cluster.local, 10.96.0.1 and 172.30.1.2. " +
  "kubectl with its kubeconfig connects via 172.30.1.2: in the list. The kubelets on controlplane and node01 connect via 172.30.1.2: in the list. " +
  "A pod connects via kubernetes.default.svc or 10.96.0.1: in the list. A laptop through an SSH tunnel connects via 127.0.0.1: not in the list, " +
  "so the client fails with x509: certificate is valid for ..., not 127.0.0.1.";

export function ApiserverSanClients() {
  return (
    <DiagramFigure
      title="Which name each client uses to reach the API server, checked against the certificate's SANs"
      desc={DESC}
      caption="Every client checks that the name it dialled is in the API server certificate's SAN list. Four clients use a listed name; the SSH tunnel's 127.0.0.1 is not listed, so TLS fails."
      width={W}
      height={H}
      minWidth={620}
    >
      {({ arrow }) => (
        <>
          {CLIENTS.map((c, i) => {
            const y = TOP + i * ROW;
            const mid = y + 26;
            return (
              <g key={`${c.who}-${i}`}>
                <Box
                  x={2}
                  y={y}
                  w={CW}
                  h={52}
                  tone={c.ok ? "leaf" : "bad"}
                  lines={[
                    { text: c.who, bold: true },
                    { text: c.sub, muted: true },
                  ]}
                />
                <path
                  d={`M${2 + CW} ${mid}H${API_X - 2}`}
                  className={c.ok ? LINE : "stroke-rose-500"}
                  strokeDasharray={c.ok ? undefined : "5 4"}
                  strokeWidth={1.5}
                  fill="none"
                  markerEnd={`url(#${arrow})`}
                />
                {c.via.map((v, j) => (
                  <Label key={v} x={CW + 14} y={mid - 7 - (c.via.length - 1 - j) * 14} muted={false}>
                    <tspan fontFamily="var(--font-mono)">{v}</tspan>
                  </Label>
                ))}
                <Label x={CW + 14} y={mid + 17} size={11}>
                  <tspan className={c.ok ? "fill-emerald-700 dark:fill-emerald-400" : "fill-rose-700 dark:fill-rose-400"} fontWeight={600}>
                    {c.ok ? "✓ in the SAN list" : "✗ not in the SAN list"}
                  </tspan>
                </Label>
              </g>
            );
          })}
          <rect
            x={API_X}
            y={TOP}
            width={W - API_X - 2}
            height={API_H}
            rx={10}
            className="fill-indigo-50 stroke-indigo-400 dark:fill-indigo-950 dark:stroke-indigo-400"
            strokeWidth={1.5}
          />
          <Label x={API_X + 16} y={TOP + 26} muted={false} size={14}>
            <tspan fontWeight={600}>kube-apiserver</tspan> on controlplane
          </Label>
          <Label x={API_X + 16} y={TOP + 48}>
            apiserver.crt, Subject Alternative Names:
          </Label>
          {SANS.map((s, i) => (
            <Label key={s} x={API_X + 26} y={TOP + 74 + i * 21} muted={false} size={12}>
              <tspan fontFamily="var(--font-mono)">{s}</tspan>
            </Label>
          ))}
          <Box
            x={2}
            y={TOP + API_H + 10}
            w={W - 4}
            h={40}
            tone="bad"
            lines={[{ text: "x509: certificate is valid for controlplane, kubernetes, …, not 127.0.0.1", mono: true, size: 12 }]}
            pad={14}
          />
        </>
      )}
    </DiagramFigure>
  );
}
