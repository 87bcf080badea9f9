/** The busybox release of a `busybox:<tag>` image (1.x minor), or undefined for other images and tags without a version (latest: 1.37). */
export function busyboxMinor(imageRef: string): number | undefined {
  if (!/(^|\/)busybox(:|@|$)/.test(imageRef)) return undefined;
  const tag = /:(\d+)\.(\d+)/.exec(imageRef.replace(/@.*$/, ""));
  return tag && Number(tag[1]) === 1 ? Number(tag[2]) : undefined;
}
