import type { Resolved } from '../../model/index.ts';
import { qemuKeys } from './compareGraph.ts';
import type { QemuGraph, QemuNode } from './harness.ts';

/** The per-node fields a prediction must get right (issue: drv, ro, cache.direct, cache.no-flush, detect_zeroes). */
function observed(node: Pick<QemuNode, 'drv' | 'ro' | 'cache' | 'detect_zeroes'>): Record<string, unknown> {
  return {
    drv: node.drv,
    ro: node.ro,
    'cache.direct': node.cache?.direct,
    'cache.no-flush': node.cache?.['no-flush'],
    detect_zeroes: node.detect_zeroes,
  };
}

/**
 * Differences between what blockgraph predicts and what QEMU reports, node by node (matched by
 * node-name, or structurally for nodes QEMU named itself), empty when they agree. With `perms`,
 * also every predicted edge's perm and shared-perm: only where the prediction knows every user of
 * the graph (a QMP script in qemu-storage-daemon, not a command line with guest devices).
 */
export function diffResolved(predicted: Resolved, q: QemuGraph, compare: { perms?: boolean } = {}): string[] {
  const keys = qemuKeys(q);
  const actual = new Map(
    q.nodes.filter((n) => n.type === 'block-driver').map((n) => [keys.get(n['node-name']) ?? n['node-name'], n]),
  );
  const out: string[] = [];
  for (const node of predicted.nodes) {
    const key = node['node-name'].replace(/^#/, '');
    const real = actual.get(key);
    if (real === undefined) {
      out.push(`node '${key}' predicted but not in QEMU`);
      continue;
    }
    actual.delete(key);
    const want = observed(node);
    const got = observed(real);
    for (const field of Object.keys(want)) {
      if (want[field] !== got[field]) {
        out.push(`node '${key}' ${field}: predicted ${String(want[field])}, QEMU ${String(got[field])}`);
      }
    }
  }
  for (const key of actual.keys()) out.push(`node '${key}' in QEMU but not predicted`);
  return compare.perms === true ? [...out, ...diffEdgePerms(predicted, q, keys)] : out;
}

/** For predicted edges that carry permissions: QEMU's perm and shared-perm on the same edge. */
function diffEdgePerms(predicted: Resolved, q: QemuGraph, keys: Map<string, string>): string[] {
  const keyOf = (name: string) => keys.get(name) ?? name;
  const actual = new Map(q.edges.map((e) => [`${keyOf(e.parent)} -${e.name}-> ${keyOf(e.child)}`, e]));
  const out: string[] = [];
  for (const edge of predicted.edges) {
    if (edge.perm === undefined) continue;
    const key = `${edge.parent.replace(/^#/, '')} -${edge.name}-> ${edge.child.replace(/^#/, '')}`;
    const real = actual.get(key);
    const want = `${edge.perm.join(',')} / ${(edge['shared-perm'] ?? []).join(',')}`;
    const got = real ? `${real.perm.join(',')} / ${real['shared-perm'].join(',')}` : 'no such edge';
    if (want !== got) out.push(`edge ${key} perm/shared: predicted ${want}, QEMU ${got}`);
  }
  return out;
}
