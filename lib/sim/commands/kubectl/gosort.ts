/**
 * Go's sort.Sort (pattern-defeating quicksort, Go 1.19+ sort/zsortinterface.go), which kubectl's
 * --sort-by uses (sorter.go TableSorter.Sort / RuntimeSort): it is not stable, so rows with equal
 * keys come out in the order this exact algorithm leaves them, which a stable sort would not
 * reproduce. Deterministic: its pattern breaker is a xorshift seeded with the length.
 */
export interface SortData {
  len: number;
  less(i: number, j: number): boolean;
  swap(i: number, j: number): void;
}

const bitsLen = (n: number) => (n <= 0 ? 0 : Math.floor(Math.log2(n)) + 1);

function insertionSort(d: SortData, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) for (let j = i; j > a && d.less(j, j - 1); j--) d.swap(j, j - 1);
}

function siftDown(d: SortData, lo: number, hi: number, first: number): void {
  let root = lo;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= hi) return;
    if (child + 1 < hi && d.less(first + child, first + child + 1)) child++;
    if (!d.less(first + root, first + child)) return;
    d.swap(first + root, first + child);
    root = child;
  }
}

function heapSort(d: SortData, a: number, b: number): void {
  const hi = b - a;
  for (let i = Math.floor((hi - 1) / 2); i >= 0; i--) siftDown(d, i, hi, a);
  for (let i = hi - 1; i >= 0; i--) {
    d.swap(a, a + i);
    siftDown(d, 0, i, a);
  }
}

const MASK64 = (1n << 64n) - 1n;

function breakPatterns(d: SortData, a: number, b: number): void {
  const length = b - a;
  if (length < 8) return;
  let r = BigInt(length);
  const modulus = BigInt(1 << bitsLen(length));
  const idx = a + Math.floor(length / 4) * 2 - 1;
  for (let i = 0; i < 3; i++) {
    r ^= (r << 13n) & MASK64;
    r ^= r >> 7n;
    r ^= (r << 17n) & MASK64;
    let other = Number(r & (modulus - 1n));
    if (other >= length) other -= length;
    d.swap(idx - 1 + i, a + other);
  }
}

type Hint = "unknown" | "increasing" | "decreasing";

function choosePivot(d: SortData, a: number, b: number): [number, Hint] {
  const l = b - a;
  const swaps = { n: 0 };
  let i = a + Math.floor(l / 4) * 1;
  let j = a + Math.floor(l / 4) * 2;
  let k = a + Math.floor(l / 4) * 3;
  const order2 = (x: number, y: number): [number, number] => {
    if (d.less(y, x)) {
      swaps.n++;
      return [y, x];
    }
    return [x, y];
  };
  const median = (x: number, y: number, z: number) => {
    [x, y] = order2(x, y);
    [y, z] = order2(y, z);
    [x, y] = order2(x, y);
    void z;
    return y;
  };
  if (l >= 8) {
    if (l >= 50) {
      i = median(i - 1, i, i + 1);
      j = median(j - 1, j, j + 1);
      k = median(k - 1, k, k + 1);
    }
    j = median(i, j, k);
  }
  return [j, swaps.n === 0 ? "increasing" : swaps.n === 12 ? "decreasing" : "unknown"];
}

function reverseRange(d: SortData, a: number, b: number): void {
  for (let i = a, j = b - 1; i < j; i++, j--) d.swap(i, j);
}

function partialInsertionSort(d: SortData, a: number, b: number): boolean {
  let i = a + 1;
  for (let step = 0; step < 5; step++) {
    while (i < b && !d.less(i, i - 1)) i++;
    if (i === b) return true;
    if (b - a < 50) return false;
    d.swap(i, i - 1);
    if (i - a >= 2) for (let j = i - 1; j >= 1 && d.less(j, j - 1); j--) d.swap(j, j - 1);
    if (b - i >= 2) for (let j = i + 1; j < b && d.less(j, j - 1); j++) d.swap(j, j - 1);
  }
  return false;
}

function partitionEqual(d: SortData, a: number, b: number, pivot: number): number {
  d.swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  for (;;) {
    while (i <= j && !d.less(a, i)) i++;
    while (i <= j && d.less(a, j)) j--;
    if (i > j) break;
    d.swap(i, j);
    i++;
    j--;
  }
  return i;
}

function partition(d: SortData, a: number, b: number, pivot: number): [number, boolean] {
  d.swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  while (i <= j && d.less(i, a)) i++;
  while (i <= j && !d.less(j, a)) j--;
  if (i > j) {
    d.swap(j, a);
    return [j, true];
  }
  d.swap(i, j);
  i++;
  j--;
  for (;;) {
    while (i <= j && d.less(i, a)) i++;
    while (i <= j && !d.less(j, a)) j--;
    if (i > j) break;
    d.swap(i, j);
    i++;
    j--;
  }
  d.swap(j, a);
  return [j, false];
}

function pdqsort(d: SortData, a0: number, b0: number, limit0: number): void {
  let a = a0;
  let b = b0;
  let limit = limit0;
  let wasBalanced = true;
  let wasPartitioned = true;
  for (;;) {
    const length = b - a;
    if (length <= 12) return insertionSort(d, a, b);
    if (limit === 0) return heapSort(d, a, b);
    if (!wasBalanced) {
      breakPatterns(d, a, b);
      limit--;
    }
    let [pivot, hint] = choosePivot(d, a, b);
    if (hint === "decreasing") {
      reverseRange(d, a, b);
      pivot = b - 1 - (pivot - a);
      hint = "increasing";
    }
    if (wasBalanced && wasPartitioned && hint === "increasing" && partialInsertionSort(d, a, b)) return;
    if (a > 0 && !d.less(a - 1, pivot)) {
      a = partitionEqual(d, a, b, pivot);
      continue;
    }
    const [mid, already] = partition(d, a, b, pivot);
    wasPartitioned = already;
    const left = mid - a;
    const right = b - mid;
    const threshold = Math.floor(length / 8);
    if (left < right) {
      wasBalanced = left >= threshold;
      pdqsort(d, a, mid, limit);
      a = mid + 1;
    } else {
      wasBalanced = right >= threshold;
      pdqsort(d, mid + 1, b, limit);
      b = mid;
    }
  }
}

export function goSort(d: SortData): void {
  pdqsort(d, 0, d.len, bitsLen(d.len));
}
