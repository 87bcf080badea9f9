/**
 * The image catalogue of the simulated registry: what a pull finds, how big it is, how long it
 * takes on a small VM, and what the image runs when the pod gives no command (its ENTRYPOINT and
 * CMD, as `docker inspect` of the official images shows them). Images outside the catalogue, and
 * tags that do not look like the image's published ones, fail to pull as containerd 1.7 reports it.
 */

export interface ImageInfo {
  /** docker.io/library/nginx */
  repository: string;
  /** compressed size, bytes (kubelet's "Image size: N bytes") */
  sizeBytes: number;
  /** a pull on the nodes' link, ms, before ±20% jitter */
  pullMs: number;
  entrypoint: string[];
  cmd: string[];
  /** the image has /bin/sh (busybox, alpine, debian-based): `sh -c` scripts run */
  shell: boolean;
  /** tags this image publishes (a pattern: the real registries publish hundreds) */
  tags: RegExp;
  ports: number[];
  /** the HTTP server the image's default command runs on its ports (what curl and wget are answered by) */
  web?: WebServer;
  /**
   * The network tools the image ships, of those the simulator has (kubelet/exec.ts NETWORK_TOOLS):
   * busybox's applets wget, nslookup and nc in busybox and alpine; curl in the Debian images
   * that install it (nginx's Dockerfile keeps curl; python and node are buildpack-deps images).
   */
  tools?: readonly string[];
}

/**
 * An HTTP server's answers, as the official image's default configuration gives them: files from
 * its document root (the container's filesystem, volumes included: kubelet/rootfs.ts), its
 * Server header, its header order and error pages, and the modification time of the files the
 * image ships (their Last-Modified and ETag).
 */
export interface WebServer {
  flavour: "nginx" | "apache";
  docroot: string;
  /** the Server header */
  server: string;
  /** epoch ms of the files the image ships (the package's build) */
  shippedMtime: number;
}

/**
 * nginx 1.27.3 (Debian bookworm package, the official image): `curl -v` of its welcome page shows
 * "Last-Modified: Tue, 26 Nov 2024 15:55:00 GMT" and "ETag: \"6745ef54-267\"".
 */
const NGINX_WEB: WebServer = {
  flavour: "nginx",
  docroot: "/usr/share/nginx/html",
  server: "nginx/1.27.3",
  shippedMtime: Date.UTC(2024, 10, 26, 15, 55, 0),
};
/** httpd 2.4.62: htdocs/index.html is dated 2007-06-11 18:53:14 UTC in every release ("ETag: \"2d-432a5e4a73a80\""). */
const HTTPD_WEB: WebServer = {
  flavour: "apache",
  docroot: "/usr/local/apache2/htdocs",
  server: "Apache/2.4.62 (Unix)",
  shippedMtime: Date.UTC(2007, 5, 11, 18, 53, 14),
};

/** busybox's networking applets, also in alpine's busybox */
const BUSYBOX_NET = ["wget", "nslookup", "nc"];

const VERSION_TAG =
  /^(latest|stable|mainline|\d+(\.\d+){0,2}(-(alpine|alpine\d+(\.\d+)?|slim|bookworm|bullseye|perl|otel|musl|glibc|uclibc|bookworm-slim|slim-bookworm))?)$/;

const lib = (name: string, i: Omit<ImageInfo, "repository" | "tags"> & { tags?: RegExp }): [string, ImageInfo] => [
  `docker.io/library/${name}`,
  { repository: `docker.io/library/${name}`, tags: VERSION_TAG, ...i },
];

const k8s = (name: string, sizeBytes: number, entrypoint: string[], ports: number[] = []): [string, ImageInfo] => [
  `registry.k8s.io/${name}`,
  {
    repository: `registry.k8s.io/${name}`,
    sizeBytes,
    pullMs: 4000,
    entrypoint,
    cmd: [],
    shell: false,
    tags: /^v?\d+(\.\d+)*(-\d+)?$/,
    ports,
  },
];

const addon = (repository: string, sizeBytes: number, entrypoint: string[]): [string, ImageInfo] => [
  repository,
  { repository, sizeBytes, pullMs: 5000, entrypoint, cmd: [], shell: false, tags: /^v\d+(\.\d+)*$/, ports: [] },
];

export const IMAGES: ReadonlyMap<string, ImageInfo> = new Map([
  lib("nginx", {
    sizeBytes: 72_188_133,
    pullMs: 2600,
    entrypoint: ["/docker-entrypoint.sh"],
    cmd: ["nginx", "-g", "daemon off;"],
    shell: true,
    ports: [80],
    web: NGINX_WEB,
    tools: ["curl"],
  }),
  lib("httpd", {
    sizeBytes: 58_128_745,
    pullMs: 2300,
    entrypoint: [],
    cmd: ["httpd-foreground"],
    shell: true,
    ports: [80],
    web: HTTPD_WEB,
    tools: ["curl"],
  }),
  lib("busybox", { sizeBytes: 2_166_802, pullMs: 900, entrypoint: [], cmd: ["sh"], shell: true, ports: [], tools: BUSYBOX_NET }),
  lib("alpine", { sizeBytes: 3_653_068, pullMs: 1000, entrypoint: [], cmd: ["/bin/sh"], shell: true, ports: [], tools: BUSYBOX_NET }),
  lib("ubuntu", { sizeBytes: 29_754_290, pullMs: 1800, entrypoint: [], cmd: ["/bin/bash"], shell: true, ports: [] }),
  lib("redis", {
    sizeBytes: 45_013_645,
    pullMs: 2200,
    entrypoint: ["docker-entrypoint.sh"],
    cmd: ["redis-server"],
    shell: true,
    ports: [6379],
  }),
  lib("postgres", {
    sizeBytes: 153_965_213,
    pullMs: 6500,
    entrypoint: ["docker-entrypoint.sh"],
    cmd: ["postgres"],
    shell: true,
    ports: [5432],
  }),
  lib("mysql", {
    sizeBytes: 170_618_234,
    pullMs: 7000,
    entrypoint: ["docker-entrypoint.sh"],
    cmd: ["mysqld"],
    shell: true,
    ports: [3306, 33060],
  }),
  lib("python", { sizeBytes: 392_412_018, pullMs: 9000, entrypoint: [], cmd: ["python3"], shell: true, ports: [], tools: ["curl"] }),
  lib("node", {
    sizeBytes: 398_224_436,
    pullMs: 9000,
    entrypoint: ["docker-entrypoint.sh"],
    cmd: ["node"],
    shell: true,
    ports: [],
    tools: ["curl"],
  }),
  k8s("pause", 320_368, ["/pause"]),
  // the control plane's own ports, where its static pods' probes (cluster/manifests.ts) knock
  k8s("kube-apiserver", 28_436_424, ["kube-apiserver"], [6443]),
  k8s("kube-controller-manager", 26_234_344, ["kube-controller-manager"], [10257]),
  k8s("kube-scheduler", 20_655_262, ["kube-scheduler"], [10259]),
  k8s("kube-proxy", 30_953_225, ["/usr/local/bin/kube-proxy"]),
  k8s("etcd", 57_680_541, ["etcd"], [2379, 2380, 2381]),
  k8s("coredns/coredns", 18_562_039, ["/coredns"], [53, 8080, 8181, 9153]),
  // metrics-server v0.7.2 (cluster/bootstrap/metrics-server.ts): its Dockerfile's ENTRYPOINT, its --secure-port;
  // the size is the order of the published image's (about 19 MB compressed), not a measured figure
  k8s("metrics-server/metrics-server", 19_500_000, ["/metrics-server"], [10250]),
  // the add-ons the baseline runs (cluster/bootstrap): Calico v3.29.1 and local-path-provisioner
  // v0.0.30, with their Dockerfiles' ENTRYPOINTs; sizes are the order of the published images'
  // (compressed), not measured figures, so that `crictl images` lists them as a node does
  addon("docker.io/calico/node", 142_000_000, ["start_runit"]),
  addon("docker.io/calico/cni", 94_000_000, ["/opt/cni/bin/install"]),
  addon("docker.io/calico/kube-controllers", 35_000_000, ["/usr/bin/kube-controllers"]),
  addon("docker.io/rancher/local-path-provisioner", 18_000_000, ["local-path-provisioner"]),
]);

export interface ImageRef {
  /** as the pod spec wrote it ("nginx", "nginx:1.27") */
  name: string;
  /** fully qualified, as containerd names it ("docker.io/library/nginx:latest") */
  full: string;
  repository: string;
  tag: string;
}

/** Docker's normalisation (distribution/reference ParseNormalizedNamed): bare names are docker.io/library/, no tag is :latest. */
export function parseImage(name: string): ImageRef {
  let rest = name;
  let tag = "latest";
  const at = rest.indexOf("@");
  if (at >= 0) rest = rest.slice(0, at);
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const first = rest.split("/")[0];
  const hasRegistry = rest.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
  const repository = hasRegistry ? rest : rest.includes("/") ? `docker.io/${rest}` : `docker.io/library/${rest}`;
  return { name, full: `${repository}:${tag}`, repository, tag };
}

export type PullOutcome = { ok: true; image: ImageInfo } | { ok: false; error: string };

/** What a pull of `ref` gets: the image, or containerd's error text (the part after kubelet's "Failed to pull image"). */
export function pull(ref: ImageRef): PullOutcome {
  const image = IMAGES.get(ref.repository);
  if (!image) {
    return {
      ok: false,
      error: `rpc error: code = Unknown desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
    };
  }
  if (!image.tags.test(ref.tag)) {
    return {
      ok: false,
      error: `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": ${ref.full}: not found`,
    };
  }
  return { ok: true, image };
}

/** A digest-like id for imageID/containerID fields: stable per name, from FNV-1a (no crypto needed for looks). */
export function fakeDigest(text: string): string {
  let out = "";
  let h = 0x811c9dc5;
  for (let round = 0; round < 8; round++) {
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= round;
    h = Math.imul(h, 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, "0");
  }
  return out;
}
