/** The text processors with folders of their own, registered next to coreutils. */
import type { Command } from "../types";
import { awk } from "./awk";
import { jq } from "./jq";
import { sed } from "./sed";

export const textTools: Command[] = [sed, awk, jq];
