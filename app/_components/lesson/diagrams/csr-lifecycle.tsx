import { Box, DiagramFigure, LINE, Label } from "./primitives";

const W = 740;
const MX = 20;
const MW = 300;
const SIDE_X = 452;
const SIDE_W = W - SIDE_X - 2;

const Y = { requester: 2, pending: 110, approved: 272, issued: 380, crt: 510 };
const H = Y.crt + 50;

const DESC =
  "The states of a CertificateSigningRequest and who moves it. The requester, who holds the private key, runs kubectl create -f: the CSR is Pending, " +
  "an object in the API carrying spec.request, signerName, expirationSeconds and usages. A request with O=system:masters for the kube-apiserver-client signer is refused at creation. " +
  "From Pending, kubectl certificate approve (the approver needs the RBAC verb approve on the signer) makes it Approved; kubectl certificate deny makes it Denied, " +
  "a final state with no certificate. Once Approved, kube-controller-manager signs it with ca.crt and ca.key: Approved,Issued, with status.certificate set. " +
  "The requester then runs kubectl get csr -o jsonpath='{.status.certificate}' | base64 -d to get their .crt. " +
  "The controller manager deletes a CSR 1 hour after approval or denial, or after 24 hours if it is still pending.";

function Down({ y1, y2, arrow, lines }: { y1: number; y2: number; arrow: string; lines: { text: string; mono?: boolean }[] }) {
  const x = MX + 40;
  return (
    <g>
      <path d={`M${x} ${y1}V${y2 - 2}`} className={LINE} strokeWidth={1.5} fill="none" markerEnd={`url(#${arrow})`} />
      {lines.map((l, i) => (
        <Label key={i} x={x + 14} y={(y1 + y2) / 2 - ((lines.length - 1) * 15) / 2 + i * 15 + 4} muted={!l.mono} size={l.mono ? 11.5 : 11}>
          {l.mono ? (
            <tspan fontFamily="var(--font-mono)" className="fill-slate-900 dark:fill-slate-100">
              {l.text}
            </tspan>
          ) : (
            l.text
          )}
        </Label>
      ))}
    </g>
  );
}

export function CsrLifecycle() {
  return (
    <DiagramFigure
      title="The life of a CertificateSigningRequest"
      desc={DESC}
      caption="A CSR goes from Pending to Approved and Approved,Issued (or to Denied), moved by the requester, an approver and the controller manager; the requester collects the certificate from status.certificate."
      width={W}
      height={H}
      minWidth={600}
    >
      {({ arrow }) => (
        <>
          <Box
            x={MX}
            y={Y.requester}
            w={MW}
            h={44}
            tone="neutral"
            lines={[
              { text: "Requester", bold: true },
              { text: "holds the private key", muted: true },
            ]}
          />
          <Down y1={Y.requester + 44} y2={Y.pending} arrow={arrow} lines={[{ text: "kubectl create -f csr.yaml", mono: true }]} />
          <Box
            x={SIDE_X}
            y={Y.requester + 20}
            w={SIDE_W}
            h={62}
            tone="bad"
            lines={[
              { text: "O=system:masters with the", size: 11.5 },
              { text: "kube-apiserver-client signer:", size: 11.5 },
              { text: "refused at creation", size: 11.5, bold: true },
            ]}
          />
          <path
            d={`M${SIDE_X} ${Y.requester + 51}H${MX + 40}`}
            className="stroke-rose-400"
            strokeDasharray="4 3"
            strokeWidth={1.2}
            fill="none"
          />

          <Box
            x={MX}
            y={Y.pending}
            w={MW}
            h={78}
            tone="note"
            lines={[
              { text: "Pending", bold: true, size: 14 },
              { text: "spec.request, signerName,", mono: true, size: 11.5 },
              { text: "expirationSeconds, usages", mono: true, size: 11.5 },
            ]}
          />
          <path
            d={`M${MX + MW} ${Y.pending + 39}H${SIDE_X - 2}`}
            className={LINE}
            strokeWidth={1.5}
            fill="none"
            markerEnd={`url(#${arrow})`}
          />
          <Label x={(MX + MW + SIDE_X) / 2} y={Y.pending + 31} anchor="middle" muted={false} size={11}>
            <tspan fontFamily="var(--font-mono)">certificate deny</tspan>
          </Label>
          <Box
            x={SIDE_X}
            y={Y.pending + 8}
            w={SIDE_W}
            h={62}
            tone="bad"
            lines={[
              { text: "Denied", bold: true, size: 14 },
              { text: "final: no certificate is issued", muted: true },
            ]}
          />

          <Down
            y1={Y.pending + 78}
            y2={Y.approved}
            arrow={arrow}
            lines={[{ text: "kubectl certificate approve", mono: true }, { text: "the approver needs RBAC approve on the signer" }]}
          />
          <Box x={MX} y={Y.approved} w={MW} h={44} tone="accent" lines={[{ text: "Approved", bold: true, size: 14 }]} />
          <Down
            y1={Y.approved + 44}
            y2={Y.issued}
            arrow={arrow}
            lines={[{ text: "kube-controller-manager signs" }, { text: "with ca.crt / ca.key", mono: true }]}
          />
          <Box
            x={MX}
            y={Y.issued}
            w={MW}
            h={56}
            tone="ok"
            lines={[
              { text: "Approved,Issued", bold: true, size: 14 },
              { text: "status.certificate is set", mono: true, size: 11.5 },
            ]}
          />
          <Down
            y1={Y.issued + 56}
            y2={Y.crt}
            arrow={arrow}
            lines={[
              { text: "kubectl get csr NAME -o jsonpath=", mono: true },
              { text: "'{.status.certificate}' | base64 -d", mono: true },
            ]}
          />
          <Box x={MX} y={Y.crt} w={MW} h={44} tone="neutral" lines={[{ text: "the requester's .crt", bold: true }]} />

          <Box
            x={SIDE_X}
            y={Y.approved + 10}
            w={SIDE_W}
            h={70}
            tone="neutral"
            dashed
            lines={[
              { text: "Clean-up by the controller manager:", bold: true, size: 12 },
              { text: "deleted 1 h after approval or denial,", size: 11.5 },
              { text: "24 h after creation if still pending", size: 11.5 },
            ]}
          />
        </>
      )}
    </DiagramFigure>
  );
}
