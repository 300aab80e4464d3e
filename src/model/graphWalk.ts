import type { BlockGraph } from './document.ts';

/** True when `to` can be reached from `from` by following child links downwards. */
export function reaches(graph: BlockGraph, from: string, to: string): boolean {
  const children = childrenIndex(graph);
  const seen = new Set<string>();
  const stack = [from];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return false;
}

/** Child ids per parent id. */
export function childrenIndex(graph: BlockGraph): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const link of graph.links) {
    const list = index.get(link.parent);
    if (list) list.push(link.child);
    else index.set(link.parent, [link.child]);
  }
  return index;
}

/** What childrenFirst finds: children before parents, or a cycle. */
export interface GraphWalk {
  order: string[];
  cycle: string[] | undefined;
}

/**
 * Node ids ordered so that every child comes before its parents (leaves first), or the ids on a
 * cycle when there is one. Ties keep document order. Iterative, so 20,000-deep chains are fine.
 */
export function childrenFirst(graph: BlockGraph): GraphWalk {
  const children = childrenIndex(graph);
  const state = new Map<string, 'open' | 'done'>();
  const order: string[] = [];
  for (const root of Object.keys(graph.nodes)) {
    if (state.has(root)) continue;
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { id: string; next: number };
      const child = children.get(top.id)?.[top.next++];
      if (child === undefined) {
        stack.pop();
        state.set(top.id, 'done');
        order.push(top.id);
      } else if (state.get(child) === 'open') {
        const from = stack.findIndex((frame) => frame.id === child);
        return { order, cycle: stack.slice(from).map((frame) => frame.id) };
      } else if (!state.has(child)) {
        state.set(child, 'open');
        stack.push({ id: child, next: 0 });
      }
    }
  }
  return { order, cycle: undefined };
}
