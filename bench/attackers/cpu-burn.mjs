/**
 * The control of bench/isolation.ts's row 4: a process that sends nothing to the server and only
 * burns `percent`% of one core (busy 4 ms, then idle), as much as the oversized-body attacker
 * costs the shared machine. If the victim slows as much under this as under row 4, the slowdown
 * is the bench machine's cores, not the server's work.
 *
 *   node bench/attackers/cpu-burn.mjs [percent]
 */
const percent = Number(process.argv[2] ?? "40");
const busyMs = 4;
const idleMs = (busyMs * (100 - percent)) / percent;

for (;;) {
  const until = performance.now() + busyMs;
  while (performance.now() < until);
  await new Promise((r) => setTimeout(r, idleMs));
}
