/**
 * Lays an SOP's state diagram out in rows: each state sits one row below the nearest state that leads to it
 * (breadth-first from `start`), so the main path reads top to bottom. Pure so it can be tested without a DOM.
 */
export interface Transition {
  from: string;
  to: string;
  when?: string;
}

export interface PlacedNode {
  id: string;
  row: number;
  col: number;
  x: number;
  y: number;
}

export interface Layout {
  nodes: PlacedNode[];
  edges: { from: PlacedNode; to: PlacedNode; back: boolean }[];
  width: number;
  height: number;
}

export const NODE_W = 180;
export const NODE_H = 48;
const GAP_X = 24;
const GAP_Y = 44;

export function layoutDiagram(transitions: Transition[]): Layout {
  const rows = new Map<string, number>([['start', 0]]);
  const queue = ['start'];
  while (queue.length) {
    const id = queue.shift()!;
    for (const t of transitions) {
      if (t.from === id && !rows.has(t.to)) {
        rows.set(t.to, rows.get(id)! + 1);
        queue.push(t.to);
      }
    }
  }
  // States not reachable from start (should not happen) go last rather than vanish.
  const maxRow = Math.max(0, ...rows.values());
  for (const t of transitions) for (const id of [t.from, t.to]) if (!rows.has(id)) rows.set(id, maxRow + 1);

  const byRow = new Map<number, string[]>();
  for (const [id, row] of rows) byRow.set(row, [...(byRow.get(row) ?? []), id]);
  const widest = Math.max(...[...byRow.values()].map((r) => r.length));
  const width = widest * (NODE_W + GAP_X) - GAP_X + 20;
  const nodes = new Map<string, PlacedNode>();
  for (const [row, ids] of byRow) {
    const rowWidth = ids.length * (NODE_W + GAP_X) - GAP_X;
    const x0 = (width - rowWidth) / 2;
    ids.forEach((id, col) =>
      nodes.set(id, { id, row, col, x: x0 + col * (NODE_W + GAP_X), y: 10 + row * (NODE_H + GAP_Y) }),
    );
  }
  const edges = transitions
    .filter((t) => t.from !== t.to)
    .map((t) => ({ from: nodes.get(t.from)!, to: nodes.get(t.to)!, back: rows.get(t.to)! <= rows.get(t.from)! }));
  const height = 20 + (Math.max(...rows.values()) + 1) * (NODE_H + GAP_Y) - GAP_Y;
  return { nodes: [...nodes.values()], edges, width, height };
}

/** Splits a label into at most two lines of about `max` characters for an SVG box. */
export function wrapLabel(label: string, max = 26): string[] {
  if (label.length <= max) return [label];
  const words = label.split(' ');
  let first = '';
  while (words.length && (first + ' ' + words[0]).trim().length <= max) first = (first + ' ' + words.shift()).trim();
  if (!first) first = words.shift()!.slice(0, max);
  let rest = words.join(' ');
  if (rest.length > max) rest = `${rest.slice(0, max - 1)}…`;
  return rest ? [first, rest] : [first];
}
