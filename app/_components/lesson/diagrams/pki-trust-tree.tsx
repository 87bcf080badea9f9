import { Box, DiagramFigure, LINE, Label, type Line } from "./primitives";

interface Leaf {
  file: string;
  about: string;
  dashed?: boolean;
}
interface Tree {
  name: string;
  file: string;
  cn: string;
  leaves: Leaf[];
}

const TREES: Tree[] = [
  {
    name: "Cluster CA",
    file: "ca.crt",
    cn: "CN kubernetes",
    leaves: [
      { file: "apiserver.crt", about: "API server serving certificate · CN kube-apiserver" },
      { file: "apiserver-kubelet-client.crt", about: "API server → kubelets (client certificate)" },
      { file: "admin.conf", about: "CN kubernetes-admin · O kubeadm:cluster-admins" },
      { file: "super-admin.conf", about: "CN kubernetes-super-admin · O system:masters" },
      { file: "controller-manager.conf", about: "CN system:kube-controller-manager" },
      { file: "scheduler.conf", about: "CN system:kube-scheduler" },
      { file: "kubelet-client-current.pem", about: "on controlplane · CN system:node:controlplane · O system:nodes" },
      { file: "kubelet-client-current.pem", about: "on node01 · CN system:node:node01 · O system:nodes" },
    ],
  },
  {
    name: "etcd CA",
    file: "etcd/ca.crt",
    cn: "CN etcd-ca",
    leaves: [
      { file: "etcd/server.crt", about: "etcd serving certificate" },
      { file: "etcd/peer.crt", about: "etcd member ↔ etcd member" },
      { file: "etcd/healthcheck-client.crt", about: "client for etcd's health probe" },
      { file: "apiserver-etcd-client.crt", about: "file lives in /etc/kubernetes/pki, belongs to the API server", dashed: true },
    ],
  },
  {
    name: "front-proxy CA",
    file: "front-proxy-ca.crt",
    cn: "CN front-proxy-ca",
    leaves: [{ file: "front-proxy-client.crt", about: "API server → extension API servers" }],
  },
];

const W = 760;
const ROOT_W = 196;
const TRUNK_X = 244;
const LEAF_X = 276;
const LEAF_W = W - LEAF_X - 2;
const LEAF_H = 44;
const GAP = 8;
const ROOT_H = 88;
const TREE_GAP = 30;

function layout() {
  let y = 2;
  return TREES.map((t) => {
    const leavesH = t.leaves.length * (LEAF_H + GAP) - GAP;
    const h = Math.max(ROOT_H, leavesH);
    const top = y;
    y += h + TREE_GAP;
    return { tree: t, top, h, leavesTop: top + (h - leavesH) / 2, rootTop: top + (h - ROOT_H) / 2 };
  });
}

const placed = layout();
const HEIGHT = Math.ceil(placed[placed.length - 1].top + placed[placed.length - 1].h + 2);

const DESC =
  "A kubeadm cluster has three separate certificate authorities, each valid for 10 years. " +
  "The cluster CA (ca.crt, CN kubernetes) signs the API server's serving certificate apiserver.crt (CN kube-apiserver), " +
  "apiserver-kubelet-client.crt with which the API server calls kubelets, the client certificates in admin.conf (CN kubernetes-admin, O kubeadm:cluster-admins), " +
  "super-admin.conf (O system:masters), controller-manager.conf (CN system:kube-controller-manager) and scheduler.conf (CN system:kube-scheduler), " +
  "and one kubelet client certificate per node in /var/lib/kubelet/pki/kubelet-client-current.pem (CN system:node:controlplane and system:node:node01, O system:nodes). " +
  "The etcd CA (etcd/ca.crt, CN etcd-ca) signs etcd/server.crt, etcd/peer.crt, etcd/healthcheck-client.crt and apiserver-etcd-client.crt; " +
  "that last file lives in /etc/kubernetes/pki and belongs to the API server, but is signed by the etcd CA. " +
  "The front-proxy CA (front-proxy-ca.crt, CN front-proxy-ca) signs only front-proxy-client.crt. Every leaf certificate is valid for 1 year.";

// Phones: each CA on top of its leaves, one detail per line.
const NW = 340;
const N_ROOT_H = 62;
const N_INDENT = 22;
const leafLines = (leaf: Leaf): Line[] => [
  { text: leaf.file, mono: true, bold: true, size: 12 },
  ...leaf.about.split(/ · |, /).map((t): Line => ({ text: t, muted: true, size: 11 })),
];
const leafHeight = (leaf: Leaf) => 14 + leafLines(leaf).length * 15;

function narrowLayout() {
  let y = 2;
  return TREES.map((tree) => {
    const rootTop = y;
    y += N_ROOT_H + 12;
    const leaves = tree.leaves.map((leaf) => {
      const top = y;
      y += leafHeight(leaf) + 8;
      return { leaf, top };
    });
    y += 18;
    return { tree, rootTop, leaves };
  });
}
const narrowPlaced = narrowLayout();
const lastTree = narrowPlaced[narrowPlaced.length - 1];
const lastLeaf = lastTree.leaves[lastTree.leaves.length - 1];
const NARROW_HEIGHT = Math.ceil(lastLeaf.top + leafHeight(lastLeaf.leaf) + 2);

function drawNarrow({ arrow }: { arrow: string }) {
  return narrowPlaced.map(({ tree, rootTop, leaves }) => {
    const trunkX = 12;
    const lastMid = leaves[leaves.length - 1].top + leafHeight(leaves[leaves.length - 1].leaf) / 2;
    return (
      <g key={tree.name}>
        <Box
          x={1}
          y={rootTop}
          w={NW - 2}
          h={N_ROOT_H}
          tone="ca"
          pad={12}
          lines={[
            { text: `${tree.name} · valid 10 years`, bold: true, size: 13 },
            { text: tree.file, mono: true, size: 12 },
            { text: tree.cn, muted: true, size: 11.5 },
          ]}
        />
        <path d={`M${trunkX} ${rootTop + N_ROOT_H}V${lastMid}`} className={LINE} strokeWidth={1.5} fill="none" />
        <Label x={trunkX + 6} y={rootTop + N_ROOT_H + 10} size={10.5}>
          signs
        </Label>
        {leaves.map(({ leaf, top }, i) => {
          const h = leafHeight(leaf);
          return (
            <g key={`${leaf.file}-${i}`}>
              <path
                d={`M${trunkX} ${top + h / 2}H${N_INDENT - 1}`}
                className={LINE}
                strokeWidth={1.5}
                fill="none"
                markerEnd={`url(#${arrow})`}
              />
              <Box
                x={N_INDENT}
                y={top}
                w={NW - N_INDENT - 1}
                h={h}
                tone={leaf.dashed ? "note" : "leaf"}
                dashed={leaf.dashed}
                lines={leafLines(leaf)}
              />
              <Label x={NW - 10} y={top + 19} anchor="end" size={10.5}>
                1 year
              </Label>
            </g>
          );
        })}
      </g>
    );
  });
}

export function PkiTrustTree() {
  return (
    <DiagramFigure
      title="The three certificate authorities of a kubeadm cluster and what each one signs"
      desc={DESC}
      caption={
        <>
          The cluster CA, the etcd CA and the front-proxy CA (10 years each) and the leaf certificates they sign (1 year each). Paths are
          relative to <code className="code-inline">/etc/kubernetes/pki</code>, except the kubeconfigs in{" "}
          <code className="code-inline">/etc/kubernetes</code> and the kubelet certificates in{" "}
          <code className="code-inline">/var/lib/kubelet/pki</code>. The dashed box is signed by the etcd CA but stored with the API
          server&apos;s files.
        </>
      }
      width={W}
      height={HEIGHT}
      minWidth={600}
      narrow={{ width: NW, height: NARROW_HEIGHT, draw: drawNarrow }}
    >
      {({ arrow }) =>
        placed.map(({ tree, leavesTop, rootTop }) => {
          const rootMid = rootTop + ROOT_H / 2;
          const firstMid = leavesTop + LEAF_H / 2;
          const lastMid = leavesTop + (tree.leaves.length - 1) * (LEAF_H + GAP) + LEAF_H / 2;
          const rootLines: Line[] = [
            { text: tree.name, bold: true, size: 14 },
            { text: tree.file, mono: true },
            { text: tree.cn, muted: true },
            { text: "valid 10 years", muted: true },
          ];
          return (
            <g key={tree.name}>
              <Box x={2} y={rootTop} w={ROOT_W} h={ROOT_H} tone="ca" lines={rootLines} pad={14} />
              <path d={`M${2 + ROOT_W} ${rootMid}H${TRUNK_X}`} className={LINE} strokeWidth={1.5} fill="none" />
              <Label x={(2 + ROOT_W + TRUNK_X) / 2} y={rootMid - 6} anchor="middle">
                signs
              </Label>
              {tree.leaves.length > 1 && <path d={`M${TRUNK_X} ${firstMid}V${lastMid}`} className={LINE} strokeWidth={1.5} fill="none" />}
              {tree.leaves.map((leaf, i) => {
                const y = leavesTop + i * (LEAF_H + GAP);
                const mid = y + LEAF_H / 2;
                return (
                  <g key={`${leaf.file}-${i}`}>
                    <path
                      d={`M${TRUNK_X} ${mid}H${LEAF_X - 1}`}
                      className={LINE}
                      strokeWidth={1.5}
                      fill="none"
                      markerEnd={`url(#${arrow})`}
                    />
                    <Box
                      x={LEAF_X}
                      y={y}
                      w={LEAF_W}
                      h={LEAF_H}
                      tone={leaf.dashed ? "note" : "leaf"}
                      dashed={leaf.dashed}
                      lines={[
                        { text: leaf.file, mono: true, bold: true, size: 12.5 },
                        { text: leaf.about, muted: true, size: 11.5 },
                      ]}
                    />
                    <Label x={LEAF_X + LEAF_W - 10} y={y + 18} anchor="end" size={11}>
                      1 year
                    </Label>
                  </g>
                );
              })}
            </g>
          );
        })
      }
    </DiagramFigure>
  );
}
