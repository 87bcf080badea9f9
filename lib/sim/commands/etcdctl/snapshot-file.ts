/**
 * What `etcdctl snapshot save` leaves on the node's disk. A real snapshot is an etcd bbolt database
 * of several megabytes; the simulated node keeps a one-line stand-in that says what it stands for,
 * and the course's task check recognises it by that line.
 */
const PREFIX = "etcd v";

export function snapshotFileText(version: string, sizeBytes: number, keys: number): string {
  return `${PREFIX}${version} snapshot (simulated bbolt database, ${sizeBytes} bytes): ${keys} keys\n`;
}

export function isEtcdSnapshot(text: string): boolean {
  return text.startsWith(PREFIX) && /^etcd v[\d.]+ snapshot \(simulated bbolt database, \d+ bytes\): \d+ keys\n$/.test(text);
}
