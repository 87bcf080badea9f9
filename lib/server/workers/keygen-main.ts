/**
 * Key-generation worker: makes one RSA key pair per job, synchronously on this thread (never on
 * libuv's pool, which argon2 and file reads share; issue 10, row 2). The pool runs it at a low
 * priority, one job at a time, learners served fairly.
 */
import "server-only";
import { generateKeyPairSync } from "node:crypto";
import { serve } from "./worker-runtime";

export interface KeygenJob {
  bits: number;
}

export interface KeygenResult {
  privateKeyPem: string;
  publicKeyPem: string;
}

serve(async (payload) => {
  const { bits } = payload as KeygenJob;
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: bits,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey } satisfies KeygenResult;
});
