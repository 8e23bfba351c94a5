/**
 * Union–find (disjoint sets with path halving and union by size) that refuses to join two sets holding
 * different valid resident IDs: a person has one resident ID, so no chain of probable links may merge two.
 */

export class ConstrainedUnionFind {
  private readonly parent: Int32Array;
  private readonly setSize: Int32Array;
  /** Per root: the id (small integer) of the resident ID the set holds, or -1. */
  private readonly identity: Int32Array;

  /** `identityOf[i]` is the resident-ID number of element i, or -1 when it has none. */
  constructor(identityOf: Int32Array) {
    const n = identityOf.length;
    this.parent = new Int32Array(n);
    this.setSize = new Int32Array(n).fill(1);
    this.identity = Int32Array.from(identityOf);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  find(x: number): number {
    let node = x;
    while (this.parent[node] !== node) {
      const grandparent = this.parent[this.parent[node]!]!;
      this.parent[node] = grandparent;
      node = grandparent;
    }
    return node;
  }

  /** Whether joining the sets of a and b would put two different resident IDs in one person. */
  conflicts(a: number, b: number): boolean {
    const ia = this.identity[this.find(a)]!;
    const ib = this.identity[this.find(b)]!;
    return ia >= 0 && ib >= 0 && ia !== ib;
  }

  /** Joins the sets of a and b unless they conflict; returns whether they are now one set. */
  union(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return true;
    const ia = this.identity[ra]!;
    const ib = this.identity[rb]!;
    if (ia >= 0 && ib >= 0 && ia !== ib) return false;
    if (this.setSize[ra]! < this.setSize[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.setSize[ra]! += this.setSize[rb]!;
    this.identity[ra] = ia >= 0 ? ia : ib;
    return true;
  }
}
