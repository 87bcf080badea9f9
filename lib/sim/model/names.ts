/**
 * Random name parts exactly as Kubernetes makes them: utilrand.String draws from the
 * "bcdfghjklmnpqrstvwxz2456789" alphabet (no vowels, no confusable digits) for generateName
 * suffixes, and pod-template-hash values use the same alphabet.
 */
const ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

export function randomSuffix(random: () => number, n = 5): string {
  let s = "";
  for (let i = 0; i < n; i++) s += ALPHANUMS[Math.floor(random() * ALPHANUMS.length)];
  return s;
}

/** RFC 4122 v4 uid for metadata.uid. */
export function randomUid(random: () => number): string {
  const hex = (n: number) => {
    let s = "";
    for (let i = 0; i < n; i++) s += Math.floor(random() * 16).toString(16);
    return s;
  };
  const variant = "89ab"[Math.floor(random() * 4)];
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}
