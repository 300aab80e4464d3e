import type { BlockGraph } from '../document.ts';
import { childrenFirst, childrenIndex, type GraphWalk } from '../graphWalk.ts';

/**
 * The whole document, every node before its children: the reverse of childrenFirst's order (the
 * same depth-first walk), or, when the graph has a cycle, the walk that goes on past it.
 */
export function parentsFirst(graph: BlockGraph, walk: GraphWalk = childrenFirst(graph)): string[] {
  if (walk.cycle === undefined) return [...walk.order].reverse();
  const children = childrenIndex(graph);
  return topological(Object.keys(graph.nodes), (id) => children.get(id) ?? []);
}

/** Depth first from each start, each node put in front once everything below it is listed: parents before children. */
export function topological(starts: readonly string[], childrenOf: (id: string) => readonly string[]): string[] {
  const found = new Set<string>();
  const finished: string[] = [];
  for (const start of starts) {
    if (found.has(start)) continue;
    found.add(start);
    const stack: { id: string; children: readonly string[]; next: number }[] = [
      { id: start, children: childrenOf(start), next: 0 },
    ];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { id: string; children: readonly string[]; next: number };
      const child = top.children[top.next++];
      if (child === undefined) {
        stack.pop();
        finished.push(top.id);
      } else if (!found.has(child)) {
        found.add(child);
        stack.push({ id: child, children: childrenOf(child), next: 0 });
      }
    }
  }
  return finished.reverse();
}
