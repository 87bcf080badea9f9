/** The text processors with folders of their own, registered next to coreutils. */
import type { Command } from "../types";
import { sed } from "./sed";

export const textTools: Command[] = [sed];
