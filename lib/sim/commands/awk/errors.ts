/** How an awk run stops early: a run time error, or a shell command whose output is not known yet. */

export class AwkError extends Error {
  /** printed as `awk: message` rather than as a run time error with the position */
  plain = false;
}

export function plainError(message: string): AwkError {
  const e = new AwkError(message);
  e.plain = true;
  return e;
}

/** printf with too few arguments: mawk prints what it formatted so far, then fails. */
export class PrintfError extends AwkError {
  constructor(
    message: string,
    readonly partial: string,
  ) {
    super(message);
  }
}

/** The interpreter needs a command's result it does not have yet. */
export class NeedCommand extends Error {
  constructor(
    readonly cmd: string,
    readonly input: string,
  ) {
    super("need command");
  }
}
