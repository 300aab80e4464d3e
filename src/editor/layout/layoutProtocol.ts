import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { Position } from '../../model/index.ts';

/** What the page asks the layout worker: lay this ELK graph out. */
export interface LayoutRequest {
  /** Answers carry it back, so an answer to an older request is known as such. */
  id: number;
  graph: ElkNode;
}

/** What the layout worker answers: the positions of the graph's nodes, or why ELK failed. */
export type LayoutReply =
  { id: number; ok: true; positions: Record<string, Position> } | { id: number; ok: false; error: string };
