/**
 * Checks on the control plane's static pods, as the kubelet runs them from
 * /etc/kubernetes/manifests (lib/sim/kubelet/static-pods.ts).
 */
import { z } from "zod";
import type { CheckResult } from "../types";
import { defineCheck, fail, pass, type View } from "./define";

const noProps = z.strictObject({});

function apiserverRunning(v: View): CheckResult {
  const why = v.q.apiserverDown();
  if (why) return fail(`The API server is down: ${why}.`);
  return pass("The kube-apiserver container runs and serves.");
}

export const CONTROL_PLANE_CHECKS = {
  apiserverRunning: defineCheck({ props: noProps, run: apiserverRunning }),
};
