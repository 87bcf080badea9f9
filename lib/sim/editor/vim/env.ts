import type { Key } from "../input";
import type { EditorFs } from "../types";

/** What normal, visual and ex commands may call back into: the file system and the dispatcher. */
export interface VimEnv {
  fs: EditorFs;
  now: number;
  /** feeds keys through the whole editor, as "." and counted inserts replay them */
  feedKeys(keys: Key[]): void;
  /** runs an ex command line (without the ":"), as ZZ and ZQ do */
  exCommand(command: string): void;
}
