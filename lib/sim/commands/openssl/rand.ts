/**
 * `openssl rand [-hex | -base64] [-out file] num` (apps/rand.c, OpenSSL 3.0): num bytes from the
 * cluster's PRNG, so a cluster replays the same bytes. Texts checked against OpenSSL 3.0.19.
 */
import type { CommandContext, ExecResult } from "../../types";
import { get, has, Out, parseOpts, writeOut } from "./common";

/** A practice node's bound: a larger draw would only fill the terminal's output cap. */
export const MAX_RAND_BYTES = 65_536;

const USAGE = "rand: Use -help for summary.\n";

export function rand(ctx: CommandContext, args: string[]): ExecResult {
  const o = new Out();
  const p = parseOpts("rand", args, { hex: "flag", base64: "flag", out: "value" }, o);
  if (!p) return o.done(1);
  if (p.unknown.length) {
    o.err(`rand: Unknown option: -${p.unknown[0]}\n${USAGE}`);
    return o.done(1);
  }
  // no count: nothing is written (apps/rand.c leaves num at -1 and exits successfully)
  if (p.positional.length === 0) return o.done(0);
  const [count] = p.positional;
  if (p.positional.length > 1 || count === "0") {
    o.err(USAGE);
    return o.done(1);
  }
  if (!/^\d+$/.test(count)) {
    o.err(`rand: Can't parse "${count}" as a number\n${USAGE}`);
    return o.done(1);
  }
  const n = Number(count);
  if (n > MAX_RAND_BYTES) {
    o.err(`rand: this practice node draws at most ${MAX_RAND_BYTES} bytes at once\n`);
    return o.done(1);
  }
  const bytes = Array.from({ length: n }, () => Math.floor(ctx.random() * 256));
  let text: string;
  if (has(p, "hex")) text = bytes.map((b) => b.toString(16).padStart(2, "0")).join("") + "\n";
  else if (has(p, "base64")) {
    const b64 = Buffer.from(bytes).toString("base64");
    // the base64 BIO breaks lines at 64 characters
    text = (b64.match(/.{1,64}/g) ?? []).join("\n") + "\n";
  }
  // raw bytes as 7-bit characters, as /dev/urandom reads in this VFS (one byte each in UTF-8)
  else text = String.fromCharCode(...bytes.map((b) => b & 0x7f));
  return o.done(writeOut(ctx, get(p, "out"), text, o) ? 0 : 1);
}
