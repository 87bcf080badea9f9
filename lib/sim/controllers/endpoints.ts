/**
 * The endpoints controller placeholder until services land; kept in the controller list. */
import type { Controller } from "./types";

export const endpointsController: Controller = { name: "endpoints", reconcile: () => false };
