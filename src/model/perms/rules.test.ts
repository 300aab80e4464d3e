import { describe, expect, it } from 'vitest';
import type { RoleFlag } from '../drivers/defineDriver.ts';
import type { JsonObject } from '../json.ts';
import { defaultPerms } from './defaultPerms.ts';
import { ALL, NONE, permText, toBits, toPerms, type Perm } from './perm.ts';
import { CHILD_PERM_RULES, ROLE_VARIANTS } from './rules.ts';

/** One edge's permissions as a driver computes them, in QMP names. */
function edge(
  driver: string | undefined,
  flags: readonly RoleFlag[],
  users: {
    perm?: Perm[];
    shared?: Perm[];
    writable?: boolean;
    options?: JsonObject;
    member?: string;
    hasParents?: boolean;
  } = {},
): { perm: Perm[]; shared: Perm[] } {
  const input = {
    flags,
    perm: toBits(users.perm ?? []),
    shared: users.shared ? toBits(users.shared) : ALL,
    writable: users.writable ?? true,
  };
  const defaults = defaultPerms(input) ?? { perm: NONE, shared: ALL };
  const rule = driver === undefined ? undefined : CHILD_PERM_RULES[driver];
  const pair = rule
    ? rule({
        ...input,
        member: users.member ?? 'file',
        options: users.options ?? {},
        hasParents: users.hasParents ?? false,
        defaults,
      })
    : defaults;
  return { perm: toPerms(pair.perm), shared: toPerms(pair.shared) };
}

const IMAGE: RoleFlag[] = ['data', 'metadata', 'primary'];
const FILTER: RoleFlag[] = ['filtered', 'primary'];
const CR_W: Perm[] = ['consistent-read', 'write'];
const EXPORT_SHARED: Perm[] = ['consistent-read', 'write', 'write-unchanged'];

describe('permission names', () => {
  it('sorts names as the harness sorts QEMU lists and words messages as bdrv_perm_names', () => {
    expect(toPerms(ALL)).toEqual(['consistent-read', 'resize', 'write', 'write-unchanged']);
    expect(permText(ALL)).toBe('consistent read, write, write unchanged, resize');
    expect(permText(toBits(['resize', 'write']))).toBe('write, resize');
    expect(toBits([])).toBe(NONE);
  });
});

// Every expectation below was observed in qemu-storage-daemon 7.2 (x-debug-query-block-graph).
describe('bdrv_default_perms', () => {
  it('a writable format takes write and resize on its file even without users', () => {
    expect(edge('qcow2', IMAGE)).toEqual({
      perm: ['consistent-read', 'resize', 'write'],
      shared: ['consistent-read', 'write-unchanged'],
    });
  });
  it('a read-only format only reads its file', () => {
    expect(edge('qcow2', IMAGE, { writable: false })).toEqual({
      perm: ['consistent-read'],
      shared: ['consistent-read', 'write-unchanged'],
    });
  });
  it('a backing edge reads only for readers, and lets it change if the users share write', () => {
    expect(edge('qcow2', ['cow'])).toEqual({ perm: [], shared: toPerms(ALL) });
    expect(edge('qcow2', ['cow'], { perm: CR_W, shared: ['consistent-read', 'resize', 'write-unchanged'] })).toEqual({
      perm: ['consistent-read'],
      shared: ['consistent-read', 'write-unchanged'],
    });
  });
  it('a data child never shares resize and writes imply resize (blkverify test, qcow2 data-file)', () => {
    expect(edge('blkverify', ['data'], { perm: CR_W, shared: EXPORT_SHARED })).toEqual({
      perm: ['consistent-read', 'resize', 'write'],
      shared: EXPORT_SHARED,
    });
  });
  it('a metadata-only child (blklogwrites log) is taken exclusively', () => {
    expect(edge('blklogwrites', ['metadata'], { perm: CR_W, shared: EXPORT_SHARED })).toEqual({
      perm: ['consistent-read', 'resize', 'write'],
      shared: ['consistent-read', 'write-unchanged'],
    });
  });
  it('a filter passes everything through (throttle, compress)', () => {
    expect(edge('throttle', FILTER, { perm: CR_W, shared: EXPORT_SHARED })).toEqual({
      perm: CR_W,
      shared: EXPORT_SHARED,
    });
  });
});

describe('driver rules', () => {
  it('raw with offset or size is a data child, but takes write only for writers and never resize', () => {
    const variant = ROLE_VARIANTS.raw;
    expect(variant?.({ member: 'file', options: { offset: 512 }, siblings: [] })).toEqual(['data', 'primary']);
    expect(variant?.({ member: 'file', options: { offset: 0 }, siblings: [] })).toBeUndefined();
    expect(variant?.({ member: 'file', options: { size: 1024 }, siblings: [] })).toEqual(['data', 'primary']);
    expect(edge('raw', ['data', 'primary'], { perm: CR_W, shared: EXPORT_SHARED })).toEqual({
      perm: CR_W,
      shared: EXPORT_SHARED,
    });
    expect(edge('raw', ['data', 'primary'])).toEqual({ perm: [], shared: EXPORT_SHARED });
  });
  it('qcow2 with a data-file: file is metadata only', () => {
    expect(ROLE_VARIANTS.qcow2?.({ member: 'file', options: {}, siblings: ['file', 'data-file'] })).toEqual([
      'metadata',
      'primary',
    ]);
    expect(ROLE_VARIANTS.qcow2?.({ member: 'file', options: {}, siblings: ['file'] })).toBeUndefined();
  });
  it('quorum never shares write or resize, and rewrite-corrupted writes', () => {
    expect(edge('quorum', ['data'], { options: { 'rewrite-corrupted': true } })).toEqual({
      perm: ['write'],
      shared: ['consistent-read', 'write-unchanged'],
    });
    expect(edge('quorum', ['data'], { perm: CR_W, shared: EXPORT_SHARED })).toEqual({
      perm: CR_W,
      shared: ['consistent-read', 'write-unchanged'],
    });
  });
  it('copy-on-read always takes and shares write-unchanged', () => {
    expect(edge('copy-on-read', FILTER)).toEqual({ perm: ['write-unchanged'], shared: toPerms(ALL) });
    expect(edge('copy-on-read', FILTER, { shared: ['consistent-read', 'write'] })).toEqual({
      perm: ['write-unchanged'],
      shared: ['consistent-read', 'write', 'write-unchanged'],
    });
  });
  it('preallocate takes write and resize exclusively when its users take both', () => {
    expect(edge('preallocate', FILTER, { perm: ['resize', 'write'] })).toEqual({
      perm: ['resize', 'write'],
      shared: ['consistent-read', 'write-unchanged'],
    });
    expect(edge('preallocate', FILTER, { perm: CR_W, shared: EXPORT_SHARED })).toEqual({
      perm: CR_W,
      shared: EXPORT_SHARED,
    });
  });
  it('luks takes write and resize only as its users do', () => {
    expect(edge('luks', IMAGE)).toEqual({ perm: ['consistent-read'], shared: toPerms(ALL) });
  });
  it('copy-before-write: target written; source guarded once the filter has parents', () => {
    expect(edge('copy-before-write', ['data'], { member: 'target' })).toEqual({
      perm: ['write'],
      shared: EXPORT_SHARED,
    });
    expect(edge('copy-before-write', FILTER)).toEqual({ perm: [], shared: toPerms(ALL) });
    expect(edge('copy-before-write', FILTER, { hasParents: true, perm: CR_W, shared: EXPORT_SHARED })).toEqual({
      perm: CR_W,
      shared: ['consistent-read', 'write-unchanged'],
    });
  });
  it('blkdebug adds take-child-perms and removes unshare-child-perms', () => {
    const options = { 'take-child-perms': ['write', 'resize'], 'unshare-child-perms': ['consistent-read'] };
    expect(edge('blkdebug', FILTER, { options })).toEqual({
      perm: ['resize', 'write'],
      shared: ['resize', 'write', 'write-unchanged'],
    });
  });
  it('snapshot-access takes nothing and shares everything', () => {
    expect(edge('snapshot-access', ['data', 'primary'], { perm: ['consistent-read'] })).toEqual({
      perm: [],
      shared: toPerms(ALL),
    });
  });
});
