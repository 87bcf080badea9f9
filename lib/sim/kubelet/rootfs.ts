/**
 * What a container sees of its filesystem: its image's files (the few that people look at: the
 * distribution's /etc/os-release, nginx's welcome page and configuration, the entrypoint
 * scripts), the files the kubelet writes into every container (/etc/hosts, /etc/hostname and
 * /etc/resolv.conf: pkg/kubelet/kubelet_pods.go makeHostsMount, ensureHostsFile; dns.go), and the
 * pod's volumes at their mount paths (volumes.ts). Built fresh from the pod on each use, so it is a
 * function of the cluster state and nothing is stored.
 */
import type { KObject } from "../api/types";
import type { Container, PodSpec, PodStatus } from "../kinds/pods/types";
import type { FsNode } from "../types";
import type { ImageInfo } from "./images";
import type { ObjectGetter } from "./env";
import { containerMounts } from "./volumes";

type Pod = KObject & { spec: PodSpec; status?: PodStatus };

export type Distro = "debian" | "alpine" | "busybox" | "ubuntu" | "oracle" | "distroless";

/** The base each catalogue image is built FROM (the official images' Dockerfiles). */
export function distroOf(image: ImageInfo): Distro {
  const repo = image.repository.replace(/^docker\.io\/library\//, "");
  if (!image.shell) return "distroless";
  if (repo === "busybox") return "busybox";
  if (repo === "alpine") return "alpine";
  if (repo === "ubuntu") return "ubuntu";
  if (repo === "mysql") return "oracle";
  return "debian";
}

const OS_RELEASE: Record<Exclude<Distro, "busybox" | "distroless">, string> = {
  debian: `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`,
  alpine: `NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.20.3
PRETTY_NAME="Alpine Linux v3.20"
HOME_URL="https://alpinelinux.org/"
BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
`,
  ubuntu: `PRETTY_NAME="Ubuntu 24.04.1 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.1 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=noble
LOGO=ubuntu-logo
`,
  oracle: `NAME="Oracle Linux Server"
VERSION="9.5"
ID="ol"
ID_LIKE="fedora"
VARIANT="Server"
VARIANT_ID="server"
VERSION_ID="9.5"
PLATFORM_ID="platform:el9"
PRETTY_NAME="Oracle Linux Server 9.5"
ANSI_COLOR="0;31"
CPE_NAME="cpe:/o:oracle:linux:9:5:server"
HOME_URL="https://linux.oracle.com/"
BUG_REPORT_URL="https://github.com/oracle/oracle-linux"
`,
};

/** nginx 1.27's html/index.html, as the Debian package installs it. */
const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NGINX_50X = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

const NGINX_CONF = `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;

const NGINX_DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

const PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** The image's ENV (docker inspect .Config.Env), PATH first. */
export function imageEnv(image: ImageInfo): Record<string, string> {
  const repo = image.repository.replace(/^docker\.io\/library\//, "");
  const env: Record<string, string> = { PATH };
  if (repo === "nginx")
    Object.assign(env, { NGINX_VERSION: "1.27.3", NJS_VERSION: "0.8.7", NJS_RELEASE: "1~bookworm", PKG_RELEASE: "1~bookworm" });
  if (repo === "httpd") Object.assign(env, { HTTPD_PREFIX: "/usr/local/apache2", HTTPD_VERSION: "2.4.62" });
  if (repo === "redis") Object.assign(env, { REDIS_VERSION: "7.4.1" });
  return env;
}

function imageFiles(image: ImageInfo): Record<string, string> {
  const distro = distroOf(image);
  const files: Record<string, string> = {};
  if (distro === "distroless") return files;
  if (distro !== "busybox") files["/etc/os-release"] = OS_RELEASE[distro];
  files["/etc/passwd"] = distro === "busybox" ? "root:x:0:0:root:/root:/bin/sh\n" : "root:x:0:0:root:/root:/bin/bash\n";
  files["/etc/shells"] = distro === "busybox" || distro === "alpine" ? "/bin/sh\n" : "/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n";
  const repo = image.repository.replace(/^docker\.io\/library\//, "");
  if (repo === "nginx") {
    files["/usr/share/nginx/html/index.html"] = NGINX_INDEX;
    files["/usr/share/nginx/html/50x.html"] = NGINX_50X;
    files["/etc/nginx/nginx.conf"] = NGINX_CONF;
    files["/etc/nginx/conf.d/default.conf"] = NGINX_DEFAULT_CONF;
  }
  if (repo === "httpd") files["/usr/local/apache2/htdocs/index.html"] = "<html><body><h1>It works!</h1></body></html>\n";
  return files;
}

/** kubelet_pods.go managedHostsFileContent: the header, the defaults, then the pod's own line. */
function hostsFile(pod: Pod): string {
  const ip = pod.status?.podIP ?? "";
  return [
    "# Kubernetes-managed hosts file.",
    "127.0.0.1\tlocalhost",
    "::1\tlocalhost ip6-localhost ip6-loopback",
    "fe00::0\tip6-localnet",
    "fe00::0\tip6-mcastprefix",
    "fe00::1\tip6-allnodes",
    "fe00::2\tip6-allrouters",
    `${ip}\t${pod.metadata.name}`,
    "",
  ].join("\n");
}

/** pkg/kubelet/network/dns/dns.go for ClusterFirst: the search path of the pod's namespace, CoreDNS's Service, ndots:5. */
function resolvConf(pod: Pod, get: ObjectGetter): string {
  const ns = pod.metadata.namespace ?? "default";
  const dns = (get("services", "kube-system", "kube-dns")?.spec as { clusterIP?: string } | undefined)?.clusterIP ?? "10.96.0.10";
  return `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver ${dns}\noptions ndots:5\n`;
}

/** The container's filesystem as FsNodes, every parent directory included. */
export function containerRootfs(pod: Pod, c: Container, image: ImageInfo, get: ObjectGetter, mtime: number): Record<string, FsNode> {
  const fs: Record<string, FsNode> = {};
  const dir = (p: string) => {
    const parts = p.split("/").filter(Boolean);
    for (let i = 0; i <= parts.length; i++) {
      const d = "/" + parts.slice(0, i).join("/");
      if (!fs[d]) fs[d] = { type: "dir", mode: d === "/tmp" ? 0o1777 : 0o755, mtime };
    }
  };
  const file = (p: string, content: string, mode = 0o644) => {
    dir(p.slice(0, p.lastIndexOf("/")) || "/");
    fs[p] = { type: "file", content, mode, mtime };
  };
  if (image.shell) for (const d of ["/bin", "/etc", "/root", "/tmp", "/usr/bin", "/var", "/home"]) dir(d);
  for (const [p, content] of Object.entries(imageFiles(image))) file(p, content);
  file("/etc/hosts", hostsFile(pod));
  file("/etc/hostname", `${pod.metadata.name}\n`);
  file("/etc/resolv.conf", resolvConf(pod, get));
  const mounts = containerMounts(pod, c, get);
  for (const d of mounts.dirs) dir(d);
  for (const [p, content] of Object.entries(mounts.files)) file(p, content);
  return fs;
}
