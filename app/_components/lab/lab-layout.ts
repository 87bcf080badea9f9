"use client";
/**
 * Where the terminal panel sits, told to it by the layout around it: beside the lesson
 * ("split"), in a bottom sheet over the lesson on a phone ("drawer"), or alone on a page ("page").
 * The panel shows a Close button in a drawer, and does not focus the terminal after "Run in
 * terminal" there (a phone would raise its keyboard over the output).
 */
import { createContext, useContext, useSyncExternalStore } from "react";

export interface LabLayout {
  mode: "split" | "drawer" | "page";
  /** closes the drawer (drawer mode only) */
  close?: () => void;
}

export const LabLayoutContext = createContext<LabLayout>({ mode: "page" });

export function useLabLayout(): LabLayout {
  return useContext(LabLayoutContext);
}

/** Below Tailwind's `lg` breakpoint the lesson page has no room beside the lesson: the terminal becomes a drawer. */
export const DRAWER_QUERY = "(max-width: 1023.98px)";

export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (listener) => {
      const mq = window.matchMedia(query);
      mq.addEventListener("change", listener);
      return () => mq.removeEventListener("change", listener);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}
