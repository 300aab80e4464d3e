import { graph } from '../../model/fixtures/index.ts';
import type { BlockGraph } from '../../model/index.ts';

/**
 * Documents whose generic options make the QMP script variants (nested/flat, minimal/explicit)
 * differ most: shared by src/export/qmpScript.test.ts (the engine) and
 * qmpVariants.differential.test.ts (qemu-storage-daemon).
 */

/**
 * A three-image backing chain with cache options, read-only, force-share, discard and
 * detect-zeroes, unnamed nodes, an inline backing and a referenced one, and values a child repeats
 * from its parent.
 */
export function cachedChain(): BlockGraph {
  return graph()
    .node('top', 'qcow2', { cache: { direct: true, 'no-flush': true }, 'detect-zeroes': 'on' })
    .node('top-file', 'file', { filename: 'top.qcow2', cache: { 'no-flush': true } }, { name: null })
    .node('mid', 'qcow2', { cache: { direct: false }, 'read-only': true }, { name: null })
    .node('mid-file', 'file', { filename: 'mid.qcow2', 'read-only': true, discard: 'unmap' })
    .node('base', 'qcow2', { 'read-only': true, 'force-share': true, discard: 'unmap', 'detect-zeroes': 'unmap' })
    .node('base-file', 'file', { filename: 'base.qcow2', 'auto-read-only': true }, { name: null })
    .child('top', 'file', 'top-file')
    .child('top', 'backing', 'mid')
    .child('mid', 'file', 'mid-file')
    .ref('mid', 'backing', 'base')
    .child('base', 'file', 'base-file')
    .build();
}

/**
 * A writable child below a read-only parent (it must not inherit force-share either: QEMU refuses
 * force-share on a writable node), and a node whose id is another node's node-name.
 */
export function writableBelowReadOnly(): BlockGraph {
  return graph()
    .node('r', 'raw', { 'read-only': true, 'force-share': true, cache: { 'no-flush': true } })
    .node('n', 'null-co', { 'read-only': false, 'force-share': false, cache: { direct: false } }, { name: 'raw-child' })
    .node('raw-child', 'null-co', {}, { name: null })
    .node('q', 'quorum', { 'vote-threshold': 1 })
    .child('r', 'file', 'q')
    .child('q', 'children', 'n')
    .child('q', 'children', 'raw-child')
    .build();
}

/**
 * Two throttle filters of one group over a read-only qcow2 chain whose backing is defined inline
 * and named by nobody: the flat layout must name three nodes itself and keep them read-only.
 */
export function throttledChain(): BlockGraph {
  return graph()
    .object('tg0', 'throttle-group', { limits: { 'iops-total': 1000 } })
    .object('tg1', 'throttle-group', { limits: { 'bps-total': 1048576 } })
    .node('t0', 'throttle', { 'throttle-group': 'tg0', cache: { direct: true } })
    .node('t1', 'throttle', { 'throttle-group': 'tg1' }, { name: null })
    .node('img', 'qcow2', { 'read-only': true }, { name: null })
    .node('img-file', 'file', { filename: 'img.qcow2' }, { name: null })
    .node('back', 'qcow2', {}, { name: null })
    .node('back-file', 'file', { filename: 'back.qcow2' }, { name: null })
    .child('t0', 'file', 't1')
    .child('t1', 'file', 'img')
    .child('img', 'file', 'img-file')
    .child('img', 'backing', 'back')
    .child('back', 'file', 'back-file')
    .build();
}

/**
 * A node defined inline in one parent (the quorum `a`) and referenced by another (`b`) that comes
 * first in the document: `b` can only be added after `a` has defined `x`.
 */
export function sharedInlineChild(): BlockGraph {
  return graph()
    .node('b', 'raw', { 'read-only': true })
    .node('x', 'null-co', { size: 64 * 1024 * 1024 })
    .node('a', 'quorum', { 'vote-threshold': 1, 'read-only': true, cache: { direct: true } })
    .child('a', 'children', 'x')
    .ref('b', 'file', 'x')
    .build();
}

/** Every document above, by a name for test titles. */
export const VARIANT_CASES: readonly (readonly [string, () => BlockGraph])[] = [
  ['a backing chain with cache options', cachedChain],
  ['a writable child below a read-only parent', writableBelowReadOnly],
  ['throttle filters over an unnamed read-only chain', throttledChain],
  ['a node defined in one parent and referenced by another', sharedInlineChild],
];
