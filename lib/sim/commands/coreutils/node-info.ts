/**
 * What a kubeadm control-plane node shows about itself: `ip addr|link|route` for its one NIC, and
 * `ps` listing systemd, containerd, the kubelet and the control-plane processes, whose command
 * lines are read from the static pod manifests (so `ps aux | grep apiserver` shows the real flags).
 */
import type { ClusterState, Command, CommandContext } from "../../types";
import { fail } from "./util";

function mac(ip: string): string {
  const parts = ip.split(".").map((n) => Number(n).toString(16).padStart(2, "0"));
  return `02:42:${parts.join(":")}`;
}

function ifaces(state: ClusterState): { name: string; text: string[]; brief: string; link: string[] }[] {
  const ip = state.config.controlPlane.ip;
  const bcast = ip.replace(/\.\d+$/, ".255");
  const m = mac(ip);
  const ll = `fe80::42:${ip
    .split(".")
    .slice(0, 2)
    .map((n) => Number(n).toString(16))
    .join("")}:fe${Number(ip.split(".")[2]).toString(16).padStart(2, "0")}:${Number(ip.split(".")[3]).toString(16)}`;
  return [
    {
      name: "lo",
      link: [
        "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000",
        "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00",
      ],
      text: [
        "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000",
        "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00",
        "    inet 127.0.0.1/8 scope host lo",
        "       valid_lft forever preferred_lft forever",
        "    inet6 ::1/128 scope host noprefixroute ",
        "       valid_lft forever preferred_lft forever",
      ],
      brief: `lo               UNKNOWN        127.0.0.1/8 ::1/128 `,
    },
    {
      name: "eth0",
      link: [
        `2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP mode DEFAULT group default qlen 1000`,
        `    link/ether ${m} brd ff:ff:ff:ff:ff:ff`,
        "    altname enp1s0",
      ],
      text: [
        "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000",
        `    link/ether ${m} brd ff:ff:ff:ff:ff:ff`,
        "    altname enp1s0",
        `    inet ${ip}/24 brd ${bcast} scope global eth0`,
        "       valid_lft forever preferred_lft forever",
        `    inet6 ${ll}/64 scope link `,
        "       valid_lft forever preferred_lft forever",
      ],
      brief: `eth0             UP             ${ip}/24 ${ll}/64 `,
    },
    {
      name: "tunl0",
      link: [
        "3: tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1480 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000",
        "    link/ipip 0.0.0.0 brd 0.0.0.0",
      ],
      text: [
        "3: tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1480 qdisc noqueue state UNKNOWN group default qlen 1000",
        "    link/ipip 0.0.0.0 brd 0.0.0.0",
        `    inet ${state.config.podSubnet.replace(/\.\d+\.\d+\/\d+$/, ".235.128")}/32 scope global tunl0`,
        "       valid_lft forever preferred_lft forever",
      ],
      brief: `tunl0@NONE       UNKNOWN        ${state.config.podSubnet.replace(/\.\d+\.\d+\/\d+$/, ".235.128")}/32 `,
    },
  ];
}

export const ip: Command = {
  name: "ip",
  summary: "show routing, network devices and interfaces",
  run(ctx) {
    let args = ctx.args.slice();
    const four = args.includes("-4");
    const brief = args.includes("-br") || args.includes("-brief");
    args = args.filter((a) => !/^-(4|6|br|brief|c|color|d|details)$/.test(a));
    const obj = args[0] ?? "";
    const all = ifaces(ctx.state);
    const dev = args.includes("dev") ? args[args.indexOf("dev") + 1] : args[1] === "show" && args[2] ? args[2] : undefined;
    const pick = dev ? all.filter((i) => i.name === dev) : all;
    if (dev && !pick.length) return fail(`Device "${dev}" does not exist.\n`, 1);
    const is = (...names: string[]) => names.some((n) => n.startsWith(obj) && obj.length > 0);
    if (obj === "") return fail("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n", 255);
    if (is("address", "addr", "a")) {
      if (brief) return { stdout: pick.map((i) => i.brief + "\n").join(""), stderr: "", exitCode: 0 };
      const lines = pick.flatMap((i) =>
        four
          ? // -4 drops the link lines and each inet6 address with the lifetime line under it
            i.text.filter((l, k, arr) => !/inet6|link\/|altname/.test(l) && !(l.includes("valid_lft") && arr[k - 1]?.includes("inet6")))
          : i.text,
      );
      return { stdout: lines.join("\n") + "\n", stderr: "", exitCode: 0 };
    }
    if (is("link", "l")) return { stdout: pick.flatMap((i) => i.link).join("\n") + "\n", stderr: "", exitCode: 0 };
    if (is("route", "r")) {
      const c = ctx.state.config;
      const gw = c.controlPlane.ip.replace(/\.\d+$/, ".1");
      const net = c.controlPlane.ip.replace(/\.\d+$/, ".0");
      const pod = c.podSubnet.replace(/\.\d+\.\d+\/\d+$/, "");
      const routes = [
        `default via ${gw} dev eth0 proto dhcp src ${c.controlPlane.ip} metric 100 `,
        `${net}/24 dev eth0 proto kernel scope link src ${c.controlPlane.ip} metric 100 `,
      ];
      c.workers.forEach((w, i) => routes.push(`${pod}.${(i + 1) * 64 + 132}.0/26 via ${w.ip} dev tunl0 proto bird onlink `));
      routes.push(`blackhole ${pod}.235.128/26 proto bird `);
      return { stdout: routes.join("\n") + "\n", stderr: "", exitCode: 0 };
    }
    return fail(`Object "${obj}" is unknown, try "ip help".\n`, 1);
  },
};

interface Proc {
  pid: number;
  ppid: number;
  cmd: string;
  tty: string;
  stat: string;
  rss: number;
  vsz: number;
  cpu: string;
  time: string;
}

/** The `command:` list of a static pod manifest, joined as ps shows it. */
function manifestCommand(ctx: CommandContext, file: string): string | undefined {
  const r = ctx.fs.readFile(`/etc/kubernetes/manifests/${file}`);
  if (!r.ok) return undefined;
  const lines = r.value.split("\n");
  const at = lines.findIndex((l) => /^\s*- command:\s*$|^\s*command:\s*$/.test(l));
  if (at < 0) return undefined;
  const parts: string[] = [];
  for (const l of lines.slice(at + 1)) {
    const m = /^\s*- (.*)$/.exec(l);
    if (!m || /^\s*- \w+:/.test(l)) break;
    parts.push(m[1].replace(/^"(.*)"$/, "$1"));
  }
  return parts.join(" ");
}

function processes(ctx: CommandContext): Proc[] {
  const node = ctx.state.config.controlPlane.name;
  const p = (pid: number, ppid: number, cmd: string, rss: number, time = "0:02", stat = "Ssl", cpu = "0.1"): Proc => ({
    pid,
    ppid,
    cmd,
    tty: "?",
    stat,
    rss,
    vsz: rss * 4 + 700_000,
    cpu,
    time,
  });
  const list: Proc[] = [
    p(1, 0, "/sbin/init", 12_800, "0:03", "Ss", "0.0"),
    p(412, 1, "/lib/systemd/systemd-journald", 24_576, "0:01", "Ss", "0.0"),
    p(690, 1, "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups", 9_216, "0:00", "Ss", "0.0"),
    p(702, 1, "/usr/bin/containerd", 58_112, "0:41", "Ssl", "0.8"),
    p(
      1188,
      1,
      `/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10`,
      98_304,
      "1:12",
      "Ssl",
      "1.9",
    ),
  ];
  const statics: [string, number, string, number, string][] = [
    ["etcd.yaml", 1411, "etcd", 61_440, "0:49"],
    ["kube-apiserver.yaml", 1423, "kube-apiserver", 302_080, "2:31"],
    ["kube-controller-manager.yaml", 1436, "kube-controller-manager", 65_536, "0:38"],
    ["kube-scheduler.yaml", 1449, "kube-scheduler", 27_648, "0:09"],
  ];
  let shim = 1380;
  for (const [file, pid, name, rss, time] of statics) {
    const cmd = manifestCommand(ctx, file);
    if (!cmd) continue;
    list.push(
      p(
        shim,
        1,
        `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${pid.toString(16).padStart(8, "0")}a1b2c3d4 -address /run/containerd/containerd.sock`,
        12_288,
        "0:00",
        "Sl",
        "0.0",
      ),
    );
    list.push(p(pid, shim, cmd.startsWith(name) ? cmd : `${name} ${cmd}`, rss, time, "Ssl", name === "kube-apiserver" ? "3.2" : "0.9"));
    shim += 4;
  }
  list.push(
    p(1702, 1396, `/usr/local/bin/kube-proxy --config=/var/lib/kube-proxy/config.conf --hostname-override=${node}`, 24_576, "0:04"),
  );
  list.push(p(2011, 1400, "/coredns -conf /etc/coredns/Corefile", 22_528, "0:06"));
  list.push(p(2032, 1404, "/coredns -conf /etc/coredns/Corefile", 22_400, "0:06"));
  list.push({ ...p(4242, 690, "-bash", 5_376, "0:00", "Ss", "0.0"), tty: "pts/0" });
  list.push({ ...p(4300, 4242, "ps", 3_712, "0:00", "R+", "0.0"), tty: "pts/0" });
  return list;
}

export const ps: Command = {
  name: "ps",
  summary: "report a snapshot of the current processes",
  run(ctx) {
    const flags = ctx.args.join("");
    const start = new Date(ctx.state.createdAt);
    const stime = `${String(start.getUTCHours()).padStart(2, "0")}:${String(start.getUTCMinutes()).padStart(2, "0")}`;
    const procs = processes(ctx);
    const cmdOf = (pr: Proc) => (pr.cmd === "ps" ? `ps ${ctx.args.join(" ")}`.trim() : pr.cmd);
    const hhmmss = (t: string) => {
      const [m, s] = t.split(":").map(Number);
      return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
    };
    if (/aux|-aux|axu|^-?[aux]+$/.test(flags) && flags.includes("u") && (flags.includes("a") || flags.includes("x"))) {
      const rows = procs.map(
        (pr) =>
          `${"root".padEnd(8)} ${String(pr.pid).padStart(7)} ${pr.cpu.padStart(4)} ${(pr.rss / 40_960).toFixed(1).padStart(4)} ${String(pr.vsz).padStart(6)} ${String(pr.rss).padStart(5)} ${pr.tty.padEnd(8)} ${pr.stat.padEnd(4)} ${stime}   ${pr.time.padStart(4)} ${cmdOf(pr)}`,
      );
      return {
        stdout: "USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n" + rows.join("\n") + "\n",
        stderr: "",
        exitCode: 0,
      };
    }
    if (/^-(e|A)f$|^-f(e|A)$|^-e -f$/.test(ctx.args.join(" ")) || flags === "-ef" || flags === "-efww") {
      const rows = procs.map(
        (pr) =>
          `${"root".padEnd(8)} ${String(pr.pid).padStart(7)} ${String(pr.ppid).padStart(7)}  0 ${stime} ${pr.tty.padEnd(8)} ${hhmmss(pr.time)} ${cmdOf(pr)}`,
      );
      return { stdout: "UID          PID    PPID  C STIME TTY          TIME CMD\n" + rows.join("\n") + "\n", stderr: "", exitCode: 0 };
    }
    if (flags === "-e" || flags === "-A" || flags === "ax" || flags === "-ax") {
      const rows = procs.map(
        (pr) =>
          `${String(pr.pid).padStart(7)} ${pr.tty.padEnd(8)} ${hhmmss(pr.time)} ${cmdOf(pr).split(" ")[0].replace(/^.*\//, "").slice(0, 15)}`,
      );
      return { stdout: "    PID TTY          TIME CMD\n" + rows.join("\n") + "\n", stderr: "", exitCode: 0 };
    }
    if (ctx.args.length === 0) {
      const mine = procs.filter((pr) => pr.tty === "pts/0");
      return {
        stdout:
          "    PID TTY          TIME CMD\n" +
          mine.map((pr) => `${String(pr.pid).padStart(7)} pts/0    00:00:00 ${pr.cmd.replace(/^-/, "")}`).join("\n") +
          "\n",
        stderr: "",
        exitCode: 0,
      };
    }
    return fail(
      `error: unsupported option (BSD syntax)\n\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n`,
      1,
    );
  },
};
