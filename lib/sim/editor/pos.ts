/** A position in the buffer: 0-based line, and column as an index into the line's string. */
export interface Pos {
  line: number;
  col: number;
}

export function comparePos(a: Pos, b: Pos): number {
  return a.line - b.line || a.col - b.col;
}

export function orderPos(a: Pos, b: Pos): [Pos, Pos] {
  return comparePos(a, b) <= 0 ? [a, b] : [b, a];
}
