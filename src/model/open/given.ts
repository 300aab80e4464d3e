import type { BlockNode } from '../document.ts';
import type { Effective, GivenOptions, Provenance } from '../inherit/resolveOptions.ts';
import { INHERITED_OPTIONS, type InheritedOption } from '../inherit/rules.ts';
import type { OpenedNode } from './openState.ts';
import type { Origin, QDict, QValue } from './qdict.ts';

/** The generic options that are booleans (block.c: bdrv_runtime_opts, QEMU_OPT_BOOL). */
export const BOOLEAN_OPTIONS: readonly InheritedOption[] = [
  'cache.direct',
  'cache.no-flush',
  'read-only',
  'auto-read-only',
  'force-share',
];

/** A boolean as the block layer reads it from a -drive string or a typed -blockdev value. */
export function boolValue(value: QValue | undefined): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  if (['on', 'yes', 'true', 'y'].includes(value)) return true;
  if (['off', 'no', 'false', 'n'].includes(value)) return false;
  return undefined;
}

/** block.c: bdrv_parse_discard_flags — `unmap`/`on` or `ignore`/`off`, undefined otherwise. */
export function discardValue(value: QValue | undefined): 'unmap' | 'ignore' | undefined {
  if (value === 'on' || value === 'unmap') return 'unmap';
  if (value === 'off' || value === 'ignore') return 'ignore';
  return undefined;
}

const DETECT_ZEROES = ['off', 'on', 'unmap'];

function provenance(origin: Origin): Provenance {
  if (origin === 'explicit') return { kind: 'explicit' };
  if (origin === 'json') return { kind: 'json-filename' };
  return origin === 'drive' ? { kind: 'default', by: '-drive' } : { kind: 'default' };
}

function parsed(option: InheritedOption, value: QValue): boolean | string | undefined {
  if (option === 'discard') return discardValue(value);
  if (option === 'detect-zeroes') return typeof value === 'string' && DETECT_ZEROES.includes(value) ? value : undefined;
  return boolValue(value);
}

/** The generic options one node was opened with, before inheritance (what a GivenOptions returns). */
export type GivenValues = Partial<Record<InheritedOption, Effective>>;

/** The generic options a node was opened with, before inheritance, each with its provenance. */
export function givenOf(own: QDict, forced: GivenValues): GivenValues {
  const given: GivenValues = {};
  for (const option of INHERITED_OPTIONS) {
    const entry = own.get(option);
    const value = entry === undefined ? undefined : parsed(option, entry.value);
    if (entry !== undefined && value !== undefined) given[option] = { value, origin: provenance(entry.origin) };
    const force = forced[option];
    if (force !== undefined) given[option] = force;
  }
  return given;
}

/** A GivenOptions for resolveOptions over the opened nodes (document ids are node ids). */
export function givenOptions(nodes: ReadonlyMap<string, OpenedNode>): GivenOptions {
  return (node: BlockNode) => {
    const opened = nodes.get(node.id);
    return opened === undefined ? {} : givenOf(opened.own, opened.forced);
  };
}
