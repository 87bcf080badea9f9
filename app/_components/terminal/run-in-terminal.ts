/**
 * How a lesson hands a command to the terminal panel on the same page: a window event the panel
 * (and, on a phone, the drawer around it) listens to. Its own module, so a lesson's Command
 * buttons do not pull in the terminal client.
 */
export const RUN_IN_TERMINAL_EVENT = "kubeyard:run";

export interface RunInTerminalDetail {
  line: string;
  /** the control that asked (focus returns there when a phone's terminal drawer closes) */
  from?: HTMLElement;
}

/** Lessons call this to type a command into the terminal panel on the page (if any). */
export function runInTerminal(line: string, from?: HTMLElement): void {
  window.dispatchEvent(new CustomEvent<RunInTerminalDetail>(RUN_IN_TERMINAL_EVENT, { detail: { line, from } }));
}
