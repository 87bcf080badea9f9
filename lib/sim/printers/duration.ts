/**
 * apimachinery/pkg/util/duration: HumanDuration (kubectl AGE columns) and ShortHumanDuration
 * (kubeadm RESIDUAL TIME). Go truncates toward zero at every step, hence Math.trunc.
 */
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;

export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SEC);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / MIN);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SEC);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / MIN);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(ms / HOUR / 24 / 365)}y`;
}

/**
 * AGE of an object created at `createdMs`: the API serialises timestamps with second precision,
 * so kubectl sees the creation time truncated to the second.
 */
export function age(createdMs: number, nowMs: number): string {
  return humanDuration(nowMs - Math.floor(createdMs / SEC) * SEC);
}

/** AGE of an object from its RFC 3339 creationTimestamp (translateTimestampSince); "<unknown>" without one. */
export function ageOf(creationTimestamp: string | undefined | null, nowMs: number): string {
  if (!creationTimestamp) return "<unknown>";
  return humanDuration(nowMs - Date.parse(creationTimestamp));
}
