/**
 * Counts the elementary steps a match takes (characters looked at, automaton moves), so tests can show
 * that matching hostile log text costs work in proportion to its size, whatever its content.
 */
export class WorkMeter {
  steps = 0;
}

interface Node {
  next: Map<number, number>;
  fail: number;
  /** The nearest node on the fail chain (itself included) that ends a term, or -1. */
  output: number;
  /** The term ending exactly here, or -1. */
  term: number;
}

/**
 * Aho–Corasick over a fixed set of terms: one pass over a text finds which terms occur in it, in time
 * linear in the text plus the terms (no backtracking, no regular expression), however the text is built.
 */
export class TermSet {
  private readonly nodes: Node[] = [{ next: new Map(), fail: 0, output: -1, term: -1 }];

  constructor(readonly terms: string[]) {
    terms.forEach((term, index) => {
      let at = 0;
      for (let i = 0; i < term.length; i++) {
        const code = term.charCodeAt(i);
        let child = this.nodes[at]!.next.get(code);
        if (child === undefined) {
          child = this.nodes.push({ next: new Map(), fail: 0, output: -1, term: -1 }) - 1;
          this.nodes[at]!.next.set(code, child);
        }
        at = child;
      }
      if (this.nodes[at]!.term === -1) this.nodes[at]!.term = index;
    });
    this.link();
  }

  /** Which terms occur in `text` (an empty term occurs in every text). */
  found(text: string, meter: WorkMeter): boolean[] {
    const found = this.terms.map((term) => term === '');
    const seen = new Set<number>();
    let at = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let next = this.nodes[at]!.next.get(code);
      while (next === undefined && at !== 0) {
        meter.steps++;
        at = this.nodes[at]!.fail;
        next = this.nodes[at]!.next.get(code);
      }
      meter.steps++;
      at = next ?? 0;
      // Every term ending here sits on the output chain; a node already reported had its whole chain reported.
      for (
        let out = this.nodes[at]!.output;
        out !== -1 && !seen.has(out);
        out = this.nodes[this.nodes[out]!.fail]!.output
      ) {
        meter.steps++;
        seen.add(out);
        found[this.nodes[out]!.term] = true;
      }
    }
    // Terms sharing text with another (the same term twice) take its answer.
    this.terms.forEach((term, index) => {
      if (!found[index]) found[index] = found[this.terms.indexOf(term)] ?? false;
    });
    return found;
  }

  private link(): void {
    const queue: number[] = [];
    for (const child of this.nodes[0]!.next.values()) queue.push(child);
    for (const child of queue) this.nodes[child]!.output = this.nodes[child]!.term !== -1 ? child : -1;
    for (let head = 0; head < queue.length; head++) {
      const parent = queue[head]!;
      for (const [code, child] of this.nodes[parent]!.next) {
        let fail = this.nodes[parent]!.fail;
        while (fail !== 0 && !this.nodes[fail]!.next.has(code)) fail = this.nodes[fail]!.fail;
        const target = this.nodes[fail]!.next.get(code);
        const node = this.nodes[child]!;
        node.fail = target !== undefined && target !== child ? target : 0;
        node.output = node.term !== -1 ? child : this.nodes[node.fail]!.output;
        queue.push(child);
      }
    }
  }
}

/**
 * Whether `value` matches `pattern`, where `*` stands for any run of characters: the pieces between
 * stars are found left to right, each at its first place (Knuth–Morris–Pratt), which decides a `*`-only
 * glob without backtracking.
 */
export function globMatches(pattern: string, value: string, meter: WorkMeter): boolean {
  const pieces = pattern.split('*');
  if (pieces.length === 1) {
    meter.steps += Math.min(pattern.length, value.length) + 1;
    return pattern === value;
  }
  const head = pieces[0]!;
  const tail = pieces.at(-1)!;
  meter.steps += head.length + tail.length + 1;
  if (!value.startsWith(head) || value.length - tail.length < head.length || !value.endsWith(tail))
    return false;
  let from = head.length;
  const limit = value.length - tail.length;
  for (const piece of pieces.slice(1, -1)) {
    const at = indexOf(value, piece, from, limit, meter);
    if (at < 0) return false;
    from = at + piece.length;
  }
  return true;
}

/** Knuth–Morris–Pratt: the first index ≥ from where `needle` ends at or before `limit`, or -1. */
function indexOf(text: string, needle: string, from: number, limit: number, meter: WorkMeter): number {
  if (needle === '') return from;
  const table = new Int32Array(needle.length);
  for (let i = 1, k = 0; i < needle.length; i++) {
    while (k > 0 && needle.charCodeAt(i) !== needle.charCodeAt(k)) {
      meter.steps++;
      k = table[k - 1]!;
    }
    if (needle.charCodeAt(i) === needle.charCodeAt(k)) k++;
    table[i] = k;
    meter.steps++;
  }
  for (let i = from, k = 0; i < limit; i++) {
    while (k > 0 && text.charCodeAt(i) !== needle.charCodeAt(k)) {
      meter.steps++;
      k = table[k - 1]!;
    }
    meter.steps++;
    if (text.charCodeAt(i) === needle.charCodeAt(k)) k++;
    if (k === needle.length) return i - needle.length + 1;
  }
  return -1;
}
