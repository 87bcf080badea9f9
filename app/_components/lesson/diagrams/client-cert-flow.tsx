import { Box, DiagramFigure, LINE, Label } from "./primitives";

const W = 600;
const BX = 40;
const BW = 300;
const BH = 50;
const STEP = 100;

const STEPS = [
  { file: "jane.key", about: "private key: stays with jane", via: "openssl req -subj /CN=jane/O=dev" },
  { file: "jane.csr", about: "public key + subject CN=jane, O=dev", via: "signed with ca.key" },
  { file: "jane.crt", about: "issuer CN=kubernetes", via: "embedded with jane.key and ca.crt" },
  { file: "jane.kubeconfig", about: "what kubectl reads", via: "TLS client certificate" },
];

const API_Y = STEPS.length * STEP;
const API_H = 150;
const H = API_Y + API_H + 2;

const DESC =
  "How a user certificate is made and used, step by step. jane.key is a private key that stays with jane. " +
  "openssl req -subj /CN=jane/O=dev turns it into jane.csr, which holds the public key and the subject. " +
  "Signed with ca.key, it becomes jane.crt, issued by CN=kubernetes. Embedded with jane.key and ca.crt, it becomes jane.kubeconfig. " +
  "kubectl presents the certificate as a TLS client certificate to kube-apiserver, which runs two stages: " +
  "Authentication maps CN jane to user jane and O dev to group dev (failure: 401 Unauthorized), " +
  "then Authorization checks RBAC (failure: 403 Forbidden).";

export function ClientCertFlow() {
  return (
    <DiagramFigure
      title="From jane.key to a request the API server accepts"
      desc={DESC}
      caption="A user certificate, top to bottom: key, signing request, certificate, kubeconfig, then the API server's two stages. A bad certificate fails authentication (401); a good one without RBAC rights fails authorization (403)."
      width={W}
      height={H}
      minWidth={460}
    >
      {({ arrow }) => (
        <>
          {STEPS.map((s, i) => {
            const y = i * STEP;
            const x = BX + BW / 2;
            return (
              <g key={s.file}>
                <Box
                  x={BX}
                  y={y}
                  w={BW}
                  h={BH}
                  lines={[
                    { text: s.file, mono: true, bold: true, size: 13 },
                    { text: s.about, muted: true },
                  ]}
                />
                <path d={`M${x} ${y + BH}V${y + STEP - 2}`} className={LINE} strokeWidth={1.5} fill="none" markerEnd={`url(#${arrow})`} />
                <Label x={x + 12} y={y + BH + 30} muted={false}>
                  {s.via}
                </Label>
              </g>
            );
          })}
          <rect
            x={2}
            y={API_Y}
            width={W - 4}
            height={API_H}
            rx={10}
            className="fill-indigo-50 stroke-indigo-400 dark:fill-indigo-950 dark:stroke-indigo-400"
            strokeWidth={1.5}
          />
          <Label x={18} y={API_Y + 24} muted={false} size={14}>
            <tspan fontWeight={600}>kube-apiserver</tspan>
          </Label>
          <Box
            x={18}
            y={API_Y + 40}
            w={260}
            h={94}
            tone="accent"
            lines={[
              { text: "1. Authentication", bold: true },
              { text: "CN jane → user jane", mono: true },
              { text: "O dev → group dev", mono: true },
              { text: "fails with 401 Unauthorized", muted: true },
            ]}
          />
          <path d={`M${278} ${API_Y + 87}H${318}`} className={LINE} strokeWidth={1.5} fill="none" markerEnd={`url(#${arrow})`} />
          <Box
            x={320}
            y={API_Y + 40}
            w={W - 340}
            h={94}
            tone="accent"
            lines={[
              { text: "2. Authorization", bold: true },
              { text: "RBAC: may user jane or", muted: false },
              { text: "group dev do this?", muted: false },
              { text: "fails with 403 Forbidden", muted: true },
            ]}
          />
        </>
      )}
    </DiagramFigure>
  );
}
