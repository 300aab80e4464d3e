import type { Position } from '../../model/index.ts';

/** Roughly the size a canvas node takes, with a margin. */
const CELL = { width: 200, height: 90 } as const;

/**
 * The free place nearest to `centre` on a grid of node-sized cells around it, so that a new node
 * does not land on top of another one.
 *
 * @example freeSpot([], { x: 10, y: 20 }) // { x: 10, y: 20 }
 */
export function freeSpot(taken: readonly Position[], centre: Position): Position {
  const isFree = (p: Position) =>
    taken.every((t) => Math.abs(t.x - p.x) >= CELL.width || Math.abs(t.y - p.y) >= CELL.height);
  for (let ring = 0; ring <= 8; ring++) {
    const spot = ringOf(ring).map(([dx, dy]) => ({ x: centre.x + dx * CELL.width, y: centre.y + dy * CELL.height }));
    const free = spot.find(isFree);
    if (free) return free;
  }
  return centre;
}

/** Grid offsets at Chebyshev distance `ring`, nearest on screen first; on a tie, below before above, right before left. */
function ringOf(ring: number): [number, number][] {
  const cells: [number, number][] = [];
  for (let dx = -ring; dx <= ring; dx++) {
    for (let dy = -ring; dy <= ring; dy++) {
      if (Math.max(Math.abs(dx), Math.abs(dy)) === ring) cells.push([dx, dy]);
    }
  }
  const distance = ([dx, dy]: [number, number]) => (dx * CELL.width) ** 2 + (dy * CELL.height) ** 2;
  return cells.sort((a, b) => distance(a) - distance(b) || b[1] - a[1] || b[0] - a[0]);
}
