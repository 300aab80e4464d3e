import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyGraph, type BlockGraph } from '../document.ts';
import { childrenFirst } from '../graphWalk.ts';
import { loadDocument } from '../loadDocument.ts';
import { childMemberOf } from '../roles.ts';
import { addNode } from './addNode.ts';
import { connectChild } from './connectChild.ts';
import { disconnectChild, setLinkMode } from './disconnectChild.ts';
import { removeNode } from './removeNode.ts';

const DRIVERS = ['qcow2', 'raw', 'file', 'null-co', 'quorum', 'throttle', 'blkdebug', 'copy-on-read'] as const;
const ROLES = ['file', 'backing', 'data-file', 'children', 'image'] as const;

type Op =
  | { op: 'add'; driver: string; named: boolean }
  | { op: 'connect'; parent: number; child: number; role: string; mode: 'inline' | 'reference' | undefined }
  | { op: 'mode'; link: number; mode: 'inline' | 'reference' }
  | { op: 'disconnect'; link: number }
  | { op: 'remove'; node: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('add' as const), driver: fc.constantFrom(...DRIVERS), named: fc.boolean() }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('connect' as const),
      parent: fc.nat(20),
      child: fc.nat(20),
      role: fc.constantFrom(...ROLES),
      mode: fc.constantFrom('inline' as const, 'reference' as const, undefined),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('mode' as const),
      link: fc.nat(20),
      mode: fc.constantFrom('inline' as const, 'reference' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('disconnect' as const), link: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), node: fc.nat(20) }) },
);

/** Applies one random edit; a refused edit leaves the document as it was. */
function apply(graph: BlockGraph, op: Op): BlockGraph {
  const ids = Object.keys(graph.nodes);
  const pick = (i: number) => ids[i % Math.max(ids.length, 1)] ?? '';
  const link = (i: number) => graph.links[i % Math.max(graph.links.length, 1)];
  const result = (() => {
    switch (op.op) {
      case 'add': {
        const added = addNode(graph, { driver: op.driver, ...(op.named ? {} : { name: null }) });
        return added.ok ? { ok: true as const, value: added.value.graph } : added;
      }
      case 'connect':
        return connectChild(graph, {
          parent: pick(op.parent),
          child: pick(op.child),
          role: op.role,
          ...(op.mode ? { mode: op.mode } : {}),
        });
      case 'mode':
        return setLinkMode(graph, {
          parent: link(op.link)?.parent ?? '',
          role: link(op.link)?.role ?? '',
          mode: op.mode,
        });
      case 'disconnect':
        return disconnectChild(graph, { parent: link(op.link)?.parent ?? '', role: link(op.link)?.role ?? '' });
      case 'remove':
        return removeNode(graph, pick(op.node));
    }
  })();
  return result.ok ? result.value : graph;
}

function checkInvariants(graph: BlockGraph): void {
  expect(childrenFirst(graph).cycle).toBeUndefined();
  const slots = new Set<string>();
  for (const link of graph.links) {
    const parent = graph.nodes[link.parent];
    const child = graph.nodes[link.child];
    expect(parent && child, `dangling link ${JSON.stringify(link)}`).toBeTruthy();
    expect(childMemberOf(parent?.driver ?? '', link.role), `${parent?.driver ?? ''} has no ${link.role}`).toBeDefined();
    expect(slots.has(`${link.parent}/${link.role}`)).toBe(false);
    slots.add(`${link.parent}/${link.role}`);
    if (link.mode === 'reference') expect(child?.name).toBeDefined();
  }
  for (const id of Object.keys(graph.nodes)) {
    expect(graph.links.filter((l) => l.child === id && l.mode === 'inline').length).toBeLessThanOrEqual(1);
  }
  expect(loadDocument(JSON.parse(JSON.stringify(graph)))).toEqual({ ok: true, value: graph });
}

describe('random edit sequences', () => {
  it('keep the document acyclic, well-linked, and loadable as saved', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) => {
        let graph = emptyGraph();
        for (const op of ops) {
          graph = apply(graph, op);
          checkInvariants(graph);
        }
      }),
      { numRuns: 200 },
    );
  });
});
