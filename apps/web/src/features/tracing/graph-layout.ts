/**
 * Preset positions for contact and transmission graphs: a force-directed layout takes minutes at tens of
 * thousands of nodes, so positions are computed directly. `time`: x is the time of the node (first exposure
 * or onset), y its band (case or generation, close, secondary) spread over rows. `tree`: cases by generation
 * from left to right, each case's contacts in a fan beside it.
 */

export interface LayoutNode {
  id: string;
  /** Epoch ms: onset of a case, first exposure of a contact. */
  at: number;
  /** Band: the generation of a case (1, 2, …); contacts follow their case. */
  band: number;
  kind: 'case' | 'close' | 'secondary';
  /** The case a contact belongs to (tree layout). */
  parent?: string | undefined;
}

export interface Point {
  x: number;
  y: number;
}

const WIDTH = 4000;
const ROW = 14;
const BAND_GAP = 120;

export function timeLayout(nodes: readonly LayoutNode[]): Map<string, Point> {
  let min = Infinity;
  let max = -Infinity;
  for (const n of nodes) {
    if (n.at < min) min = n.at;
    if (n.at > max) max = n.at;
  }
  const span = max > min ? max - min : 1;
  // Bands top to bottom: cases by generation, then close, then secondary contacts.
  const maxGeneration = Math.max(1, ...nodes.filter((n) => n.kind === 'case').map((n) => n.band));
  const bandOf = (n: LayoutNode) =>
    n.kind === 'case' ? n.band - 1 : n.kind === 'close' ? maxGeneration : maxGeneration + 1;
  const counts = new Map<number, number>();
  for (const n of nodes) counts.set(bandOf(n), (counts.get(bandOf(n)) ?? 0) + 1);
  // Rows per band grow with its size so that dense bands do not pile up at one x.
  const rowsOf = (band: number) => Math.max(1, Math.min(200, Math.ceil(Math.sqrt(counts.get(band) ?? 1))));
  const top = new Map<number, number>();
  let y = 0;
  for (let band = 0; band <= maxGeneration + 1; band++) {
    top.set(band, y);
    y += rowsOf(band) * ROW + BAND_GAP;
  }
  const seen = new Map<number, number>();
  const out = new Map<string, Point>();
  for (const n of nodes) {
    const band = bandOf(n);
    const k = seen.get(band) ?? 0;
    seen.set(band, k + 1);
    out.set(n.id, { x: ((n.at - min) / span) * WIDTH, y: top.get(band)! + (k % rowsOf(band)) * ROW });
  }
  return out;
}

export function treeLayout(nodes: readonly LayoutNode[]): Map<string, Point> {
  const out = new Map<string, Point>();
  const cases = nodes.filter((n) => n.kind === 'case');
  const byGeneration = new Map<number, LayoutNode[]>();
  for (const c of cases) byGeneration.set(c.band, [...(byGeneration.get(c.band) ?? []), c]);
  const children = new Map<string, LayoutNode[]>();
  for (const n of nodes)
    if (n.kind !== 'case' && n.parent !== undefined)
      children.set(n.parent, [...(children.get(n.parent) ?? []), n]);
  for (const [generation, members] of byGeneration) {
    members.sort((a, b) => a.at - b.at);
    members.forEach((c, i) => {
      const center = { x: (generation - 1) * 900, y: i * 700 };
      out.set(c.id, center);
      // Contacts on rings around their case: close contacts inside, secondary outside.
      const fan = children.get(c.id) ?? [];
      const close = fan.filter((n) => n.kind === 'close');
      const secondary = fan.filter((n) => n.kind === 'secondary');
      ring(close, center, 120, out);
      ring(secondary, center, 260, out);
    });
  }
  // Contacts whose case is not shown sit in a row underneath.
  let k = 0;
  for (const n of nodes)
    if (!out.has(n.id)) out.set(n.id, { x: (k % 200) * ROW, y: -400 - Math.floor(k++ / 200) * ROW });
  return out;
}

function ring(members: readonly LayoutNode[], center: Point, radius: number, out: Map<string, Point>): void {
  // Several rings when a case has many contacts, 12 px apart along the circle.
  let placed = 0;
  for (let r = radius; placed < members.length; r += 40) {
    const perRing = Math.max(8, Math.floor((2 * Math.PI * r) / 12));
    for (let i = 0; i < perRing && placed < members.length; i++, placed++) {
      const angle = (2 * Math.PI * i) / perRing;
      out.set(members[placed]!.id, { x: center.x + r * Math.cos(angle), y: center.y + r * Math.sin(angle) });
    }
  }
}

/** A synthetic graph for the rendering check (the 20,000-contact requirement), clearly not data. */
export function syntheticGraph(size: number): {
  nodes: (LayoutNode & { label: string })[];
  edges: { source: string; target: string }[];
} {
  const start = Date.UTC(2026, 2, 1);
  const cases = Math.max(1, Math.round(size / 200));
  const nodes: (LayoutNode & { label: string })[] = [];
  const edges: { source: string; target: string }[] = [];
  for (let c = 0; c < cases; c++) {
    const generation = 1 + Math.floor(Math.log2(c + 1));
    nodes.push({
      id: `c${c}`,
      at: start + c * 3_600_000,
      band: generation,
      kind: 'case',
      label: `case ${c}`,
    });
    if (c > 0) edges.push({ source: `c${Math.floor((c - 1) / 2)}`, target: `c${c}` });
  }
  for (let i = nodes.length; i < size; i++) {
    const parent = `c${i % cases}`;
    const kind = i % 5 === 0 ? 'close' : 'secondary';
    nodes.push({
      id: `n${i}`,
      at: start + (i % 500) * 600_000,
      band: 0,
      kind,
      parent,
      label: `contact ${i}`,
    });
    edges.push({ source: parent, target: `n${i}` });
  }
  return { nodes, edges };
}
