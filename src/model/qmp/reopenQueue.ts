import { INHERITED_OPTIONS, INHERIT_RULES, type InheritedOption } from '../inherit/rules.ts';
import type { JsonValue } from '../json.ts';
import { KNOWN_DEFAULTS } from '../schema/knownDefaults.ts';

/** A value of a generic option as a QDict holds it. */
export type GenericValue = boolean | string;

/** The generic options (INHERITED_OPTIONS) a QDict holds, by flat key (`cache.direct`). */
export type GenericDict = ReadonlyMap<InheritedOption, GenericValue>;

/** What bdrv_reopen_queue_child makes of one node: its BDRVReopenState's explicit_options and options (generic part). */
export interface QueuedOptions {
  /** The options it counts as given (state.explicit_options); after the reopen, bs->explicit_options. */
  explicit: GenericDict;
  /** Everything it is reopened with (state.options); after the reopen, bs->options (bdrv_reopen_commit). */
  options: GenericDict;
}

/** A node's options before the reopen, which a reopen with keep_old_opts retains. */
export interface OldOptions {
  /** bs->explicit_options (generic part). */
  explicit: GenericDict;
  /** bs->options (generic part). */
  options: GenericDict;
}

/** The parent's side of an inline child's reopen: its queued options and whether the child is its COW (backing) child. */
export interface ParentDict {
  options: GenericDict;
  cow: boolean;
}

/**
 * block.c: bdrv_reopen_queue_child (QEMU 7.2), for the generic options of one node. Precedence:
 * 1. `passed` (the reopen entry, the child's dict, or nothing for a child named by reference);
 * 2. with keep_old_opts (`old` given), the node's explicit options; 3. what bdrv_inherited_options
 * adds from `parent`'s options: a `copy` option only if the parent's dict holds it, a `set` one
 * always; 4. with keep_old_opts, the node's old options. What 1–2 hold is its new explicit set.
 *
 * @example
 * // a child named by reference under a parent whose dict holds only read-only
 * queueOptions(new Map(), { explicit: new Map(), options: new Map([['cache.direct', true]]) },
 *   { options: new Map([['read-only', true]]), cow: false })
 * // → options: read-only true (inherited), discard 'unmap' (set), cache.direct true (kept)
 */
export function queueOptions(
  passed: GenericDict,
  old: OldOptions | undefined,
  parent: ParentDict | undefined,
): QueuedOptions {
  const options = new Map(passed);
  if (old !== undefined) joinMissing(options, old.explicit);
  const explicit: GenericDict = new Map(options);
  if (parent !== undefined) {
    const rules = INHERIT_RULES[parent.cow ? 'cow' : 'other'];
    for (const option of INHERITED_OPTIONS) {
      const rule = rules[option];
      const inherited =
        rule.kind === 'set' ? rule.value : rule.kind === 'copy' ? parent.options.get(option) : undefined;
      if (!options.has(option) && inherited !== undefined) options.set(option, inherited);
    }
  }
  if (old !== undefined) joinMissing(options, old.options);
  return { explicit, options };
}

/** qdict_join(dest, src, false): what `dest` lacks, from `src`. */
function joinMissing(dest: Map<InheritedOption, GenericValue>, src: GenericDict): void {
  for (const [option, value] of src) if (!dest.has(option)) dest.set(option, value);
}

/** QEMU's default of each generic option (bdrv_runtime_opts, bdrv_open_common). */
export const GENERIC_DEFAULTS: Readonly<Record<InheritedOption, GenericValue>> = Object.fromEntries(
  INHERITED_OPTIONS.map((option) => {
    const known = KNOWN_DEFAULTS.find((d) => d.driver === '*' && d.path === option)?.value;
    return [option, typeof known === 'boolean' || typeof known === 'string' ? known : false];
  }),
) as Record<InheritedOption, GenericValue>;

/**
 * A node's generic options once reopened with `options` (block.c: bdrv_reopen_prepare): a flag
 * the dict lacks is off (update_flags_from_options), so is detect-zeroes; the discard flag
 * changes only when `discard` is given, so a reopen entry's root without it keeps `discardBefore`
 * (an inline child always has it: bdrv_inherited_options sets it).
 */
export function reopenedValues(
  options: GenericDict,
  discardBefore: GenericValue,
): Readonly<Record<InheritedOption, GenericValue>> {
  const values = { ...GENERIC_DEFAULTS };
  for (const [option, value] of options) values[option] = option === 'discard' ? discardFlag(value) : value;
  if (!options.has('discard')) values.discard = discardBefore;
  return values;
}

/** block.c: bdrv_parse_discard_flags, as resolveOptions spells the flag. */
function discardFlag(value: GenericValue): GenericValue {
  return value === 'on' || value === 'unmap' ? 'unmap' : 'ignore';
}

/** The generic options among flat QDict entries (`cache.direct` → value). */
export function genericOf(flat: ReadonlyMap<string, JsonValue>): GenericDict {
  const dict = new Map<InheritedOption, GenericValue>();
  for (const option of INHERITED_OPTIONS) {
    const value = flat.get(option);
    if (typeof value === 'boolean' || typeof value === 'string') dict.set(option, value);
  }
  return dict;
}
