/**
 * What a child defined inside its parent inherits, by the kind of role it plays
 * (block.c: bdrv_inherited_options, identical in QEMU 7.2 and 10.2). Only the COW bit of the
 * child's role matters for options; the other bits decide probing and permissions.
 */
export const INHERITED_OPTIONS = [
  'cache.direct',
  'cache.no-flush',
  'read-only',
  'auto-read-only',
  'force-share',
  'discard',
  'detect-zeroes',
] as const;

export type InheritedOption = (typeof INHERITED_OPTIONS)[number];

/** How a child's option is filled when the child does not set it. */
export type InheritRule =
  /** qdict_copy_default: take the parent's value if the parent's options contain the key. */
  | { kind: 'copy' }
  /** qdict_set_default_str: a fixed value, whatever the parent has. */
  | { kind: 'set'; value: boolean | string; reason: string }
  /** Not passed down: the child's own default applies. */
  | { kind: 'none' };

export type RoleClass = 'cow' | 'other';

const copy: InheritRule = { kind: 'copy' };

export const INHERIT_RULES: Readonly<Record<RoleClass, Readonly<Record<InheritedOption, InheritRule>>>> = {
  other: {
    'cache.direct': copy,
    'cache.no-flush': copy,
    'read-only': copy,
    'auto-read-only': copy,
    'force-share': copy,
    discard: { kind: 'set', value: 'unmap', reason: 'children are opened with discard=unmap' },
    'detect-zeroes': { kind: 'none' },
  },
  cow: {
    'cache.direct': copy,
    'cache.no-flush': copy,
    'read-only': { kind: 'set', value: true, reason: 'a backing child is opened read-only' },
    'auto-read-only': { kind: 'set', value: false, reason: 'a backing child is opened without auto-read-only' },
    'force-share': copy,
    discard: { kind: 'set', value: 'unmap', reason: 'children are opened with discard=unmap' },
    'detect-zeroes': { kind: 'none' },
  },
};

/**
 * Options whose effective value is always present in a node's option dict when its children are
 * opened (block.c: update_options_from_flags), so `copy` always finds them. `force-share` is
 * present only when set or inherited; `discard` and `detect-zeroes` are never copied.
 */
export const ALWAYS_IN_PARENT_DICT: ReadonlySet<InheritedOption> = new Set([
  'cache.direct',
  'cache.no-flush',
  'read-only',
  'auto-read-only',
]);
