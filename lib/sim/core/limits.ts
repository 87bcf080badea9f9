/**
 * Hard bounds on what one command line may cost (security.md D2-D4). Every limit gives a clear
 * error and leaves the cluster usable; none of them is reachable by the lessons' commands.
 */
export const LIMITS = {
  /** bytes of one input (a pasted block with here-documents counts as one input) */
  maxInputBytes: 64 * 1024,
  /** commands in one pipeline */
  maxPipelineStages: 64,
  /** nesting of $( ), backticks and ${ } */
  maxNestingDepth: 32,
  /** bytes written to the terminal per command line */
  maxOutputBytes: 256 * 1024,
  /** bytes buffered in one pipe or command substitution */
  maxPipeBytes: 1024 * 1024,
  /** interpreter steps per command line: 1 per command, per expansion, per KiB moved */
  maxSteps: 20_000,
  /** total bytes of file contents in the virtual filesystem */
  maxFsBytes: 1024 * 1024,
  /** files and directories in the virtual filesystem */
  maxFsNodes: 5_000,
  /** bytes of files pods may keep in hostPath and local-path volumes, all nodes together (ClusterState.nodeVolumes) */
  maxVolumeBytes: 512 * 1024,
  /** files pods may keep in hostPath and local-path volumes, all nodes together */
  maxVolumeFiles: 1_000,
  /** bytes a read of /dev/zero yields: one more than the terminal accepts */
  devZeroBytes: 256 * 1024 + 1,
  /** bytes a read of /dev/urandom yields (bounded: random data is costly to draw) */
  devUrandomBytes: 4096,
  /** lines kept by `history` */
  maxHistory: 500,
  /** states of the regex NFA visited per command before it gives up */
  maxRegexSteps: 5_000_000,
  /** words one brace expansion may produce (`{1..10000}`) */
  maxBraceWords: 10_000,
  /** nested shell function calls, `source` and `eval` (bash's FUNCNEST message) */
  maxFunctionDepth: 100,
  /** statements and expression nodes one awk, sed or jq run may evaluate */
  maxToolSteps: 2_000_000,
} as const;
