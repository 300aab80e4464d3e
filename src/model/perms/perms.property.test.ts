import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BlockGraph, BlockNode, ChildLink } from '../document.ts';
import { emptyGraph } from '../document.ts';
import type { JsonObject } from '../json.ts';
import { computePermissions, type PermissionUser } from './computePermissions.ts';
import { ALL, toPerms, type Perm } from './perm.ts';

/**
 * Properties of the model alone (the real-QEMU property is src/cli/qemu/perms.differential.test.ts):
 * edges are a fixpoint, so they do not depend on the order users come in, and permissions only
 * grow with users, so a user never takes an error away.
 */

const DRIVERS: readonly { driver: string; role?: string; options?: JsonObject }[] = [
  { driver: 'null-co' },
  { driver: 'raw', role: 'file' },
  { driver: 'raw', role: 'file', options: { offset: 512 } },
  { driver: 'qcow2', role: 'file' },
  { driver: 'qcow2', role: 'backing' },
  { driver: 'copy-on-read', role: 'file' },
  { driver: 'blkdebug', role: 'image', options: { 'unshare-child-perms': ['write'] } },
  { driver: 'preallocate', role: 'file' },
  { driver: 'quorum', role: 'children.0' },
  { driver: 'throttle', role: 'file', options: { 'throttle-group': 'tg0' } },
];

interface Spec {
  kind: number;
  readOnly: boolean;
  /** Index of an earlier node to use as the child (by reference), or of none (a fresh null-co). */
  child: number;
  inline: boolean;
}

const specArb = fc.record({
  kind: fc.nat(DRIVERS.length - 1),
  readOnly: fc.boolean(),
  child: fc.nat(),
  inline: fc.boolean(),
});
const userArb = fc.record({
  target: fc.nat(),
  perm: fc.subarray<Perm>(['consistent-read', 'write', 'resize']),
  shared: fc.subarray<Perm>(toPerms(ALL)),
});

/** Nodes n0…: each with at most one child, an earlier node (referenced or inline if still free) or a new null-co. */
function toDocument(specs: readonly Spec[]): BlockGraph {
  const nodes: Record<string, BlockNode> = {};
  const links: ChildLink[] = [];
  const inlined = new Set<string>();
  specs.forEach((spec, i) => {
    const entry = DRIVERS[spec.kind] ?? { driver: 'null-co' };
    const id = `n${String(i)}`;
    nodes[id] = {
      id,
      driver: entry.driver,
      name: id,
      options: { ...entry.options, ...(spec.readOnly ? { 'read-only': true } : {}) },
    };
    if (entry.role === undefined) return;
    let child = i > 0 ? `n${String(spec.child % i)}` : undefined;
    if (child === undefined || inlined.has(child)) {
      child = `${id}-leaf`;
      nodes[child] = { id: child, driver: 'null-co', options: {} };
    }
    const inline = spec.inline && !inlined.has(child) && !links.some((l) => l.child === child);
    if (inline) inlined.add(child);
    links.push({ parent: id, role: entry.role, child, mode: inline ? 'inline' : 'reference' });
  });
  return { ...emptyGraph(), nodes, links };
}

function toUsers(doc: BlockGraph, raw: readonly { target: number; perm: Perm[]; shared: Perm[] }[]): PermissionUser[] {
  const ids = Object.keys(doc.nodes);
  return raw.map((u, i) => ({
    node: ids[u.target % ids.length] ?? 'n0',
    name: `u${String(i)}`,
    perm: u.perm,
    shared: u.shared,
  }));
}

const errorNodes = (doc: BlockGraph, users: readonly PermissionUser[]): string[] =>
  [...new Set(computePermissions(doc, { users }).errors.map((e) => e.node))].sort();

describe('computePermissions properties', () => {
  it('gives the same edges whatever order the users come in', () => {
    fc.assert(
      fc.property(
        fc.array(specArb, { minLength: 1, maxLength: 8 }),
        fc.array(userArb, { maxLength: 4 }),
        (specs, raw) => {
          const doc = toDocument(specs);
          const users = toUsers(doc, raw);
          const forward = computePermissions(doc, { users }).edges;
          const backward = computePermissions(doc, { users: [...users].reverse() }).edges;
          expect(new Map([...backward].sort())).toEqual(new Map([...forward].sort()));
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });

  it('never loses an error when a user is added', () => {
    fc.assert(
      fc.property(
        fc.array(specArb, { minLength: 1, maxLength: 8 }),
        fc.array(userArb, { maxLength: 3 }),
        userArb,
        (specs, raw, extra) => {
          const doc = toDocument(specs);
          const users = toUsers(doc, raw);
          const before = errorNodes(doc, users);
          const after = errorNodes(doc, [...users, ...toUsers(doc, [extra])]);
          expect(after).toEqual(expect.arrayContaining(before));
        },
      ),
      { numRuns: 300, seed: 43 },
    );
  });
});
