import { VENICE_INSPECTION_SOP } from '../../../../workflows/venice-inspection/venice-inspection.sop';
import { layoutDiagram, NODE_H, NODE_W, wrapLabel } from './diagram-layout';

describe('SOP diagram layout', () => {
  it('puts every state of the Venice SOP in a box, one row below what leads to it, without overlaps', () => {
    const { nodes, edges, width } = layoutDiagram([...VENICE_INSPECTION_SOP.transitions]);
    const at = (id: string) => nodes.find((n) => n.id === id)!;
    expect(at('start').row).toBe(0);
    expect(at('joint-planning-unit').row).toBe(1);
    expect(at('worker-interviews').row).toBeGreaterThan(at('compliance-check-labour').row);
    const ids = new Set(VENICE_INSPECTION_SOP.transitions.flatMap((t) => [t.from, t.to]));
    expect(new Set(nodes.map((n) => n.id))).toEqual(ids);
    for (const a of nodes) {
      expect(a.x + NODE_W).toBeLessThanOrEqual(width);
      for (const b of nodes) {
        if (a !== b)
          expect([
            a.id,
            b.id,
            a.x + NODE_W <= b.x || b.x + NODE_W <= a.x || a.y + NODE_H <= b.y || b.y + NODE_H <= a.y,
          ]).toEqual([a.id, b.id, true]);
      }
    }
    // Self-loops (the revise round) are left to the text list; nothing points at a missing box.
    expect(edges.every((e) => e.from && e.to && e.from !== e.to)).toBe(true);
  });

  it('wraps long labels onto two lines', () => {
    expect(wrapLabel('Short')).toEqual(['Short']);
    const lines = wrapLabel('Decide whether the worker is identified as a victim of trafficking');
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.length <= 26)).toBe(true);
  });
});
