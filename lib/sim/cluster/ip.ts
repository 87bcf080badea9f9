/** IPv4 arithmetic for CIDRs from the ClusterConfig (pod and service subnets). */
export function ipToInt(ip: string): number {
  return ip.split(".").reduce((acc, p) => ((acc << 8) | (Number(p) & 255)) >>> 0, 0);
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

/** Network address and prefix length of "a.b.c.d/n". */
export function parseCidr(cidr: string): { base: number; bits: number } {
  const [ip, bits] = cidr.split("/");
  const n = Number(bits);
  const mask = n === 0 ? 0 : (~0 << (32 - n)) >>> 0;
  return { base: (ipToInt(ip) & mask) >>> 0, bits: n };
}

/** The i-th /24 of a pod subnet: kube-controller-manager's --allocate-node-cidrs hands one per node. */
export function nodePodCidr(podSubnet: string, index: number): string {
  const { base } = parseCidr(podSubnet);
  return `${intToIp((base + index * 256) >>> 0)}/24`;
}

/** `offset`-th address of a CIDR (1 → the first usable address, 10 → kube-dns). */
export function nthIp(cidr: string, offset: number): string {
  return intToIp((parseCidr(cidr).base + offset) >>> 0);
}
