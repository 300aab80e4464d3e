import { describe, expect, it } from 'vitest';
import type { BlockGraph } from '../document.ts';
import { generateNodes } from '../fixtures/generate.ts';
import { validateDocument } from '../validateDocument.ts';
import { resolveDocument } from './resolveDocument.ts';

/**
 * The document behind proxies that count every read of it (property reads, `in`, key listings),
 * at any depth: the nodes record, each node and its options, the links and each link. The same
 * object always gets the same proxy, so identity-keyed code behaves as without them.
 */
function counted(graph: BlockGraph): { graph: BlockGraph; reads: () => number } {
  let reads = 0;
  const proxies = new WeakMap<object, object>();
  const wrap = <T>(value: T): T => {
    if (typeof value !== 'object' || value === null) return value;
    const known = proxies.get(value);
    if (known !== undefined) return known as T;
    const proxy = new Proxy(value, {
      get(target, key, receiver) {
        reads++;
        return wrap(Reflect.get(target, key, receiver) as unknown);
      },
      has(target, key) {
        reads++;
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        reads++;
        return Reflect.ownKeys(target);
      },
      getOwnPropertyDescriptor(target, key) {
        reads++;
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  };
  return { graph: wrap(graph), reads: () => reads };
}

/** How many times resolve+validate (what the editor runs after an edit) reads the document. */
function readsOf(nodes: number): number {
  const { graph, reads } = counted(generateNodes(nodes));
  expect(validateDocument(graph)).toEqual([]);
  resolveDocument(graph);
  return reads();
}

// The benchmark (`npm run bench`) times resolve+validate, but its growth from 2,000 to 20,000 nodes
// also measures the machine: caches and the young generation stop holding the working set, and even
// structuredClone of the same documents grows ~17× (bench/README.md). Counting the reads of the
// document measures the algorithm alone: linear work reads a ten times larger graph ten times as often.
describe('resolve+validate is linear in the document', () => {
  it('reads a 20,000-node document ten times as often as a 2,000-node one', () => {
    const small = readsOf(2_000);
    const large = readsOf(20_000);
    expect(small).toBeGreaterThan(2_000 * 10);
    expect(large / small).toBeGreaterThan(9.8);
    expect(large / small).toBeLessThan(10.2);
  });
});
