/**
 * WebSocket close codes the terminal client understands (4000-4999 are ours). A module of its
 * own, without zod, so the browser bundle does not carry the server's message validation.
 */
export const CLOSE = {
  normal: 1000,
  goingAway: 1001,
  policy: 1008,
  tooBig: 1009,
  serverRestart: 1012,
  tryAgainLater: 1013,
  signedOut: 4001,
  notPro: 4003,
  sessionMoved: 4009,
} as const;
