/**
 * How a lesson hands a command to the terminal panel on the same page: a window event the panel
 * listens to. Its own module, so a lesson's Command buttons do not pull in the terminal client.
 */
export const RUN_IN_TERMINAL_EVENT = "kubeyard:run";

/** Lessons call this to type a command into the terminal panel on the page (if any). */
export function runInTerminal(line: string): void {
  window.dispatchEvent(new CustomEvent(RUN_IN_TERMINAL_EVENT, { detail: { line } }));
}
