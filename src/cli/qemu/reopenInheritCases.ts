import { add, file, nul, qcow2, raw, reopen } from './qmpCommands.ts';
import type { ScriptCase } from './scriptCases.ts';

/**
 * Reopen scripts about what inline children inherit (block.c: bdrv_reopen_queue_child): a child
 * named by its own node-name keeps its given options, takes what the parent's dict holds, and
 * keeps its old value of anything else; a child reopened on its own starts from the defaults.
 */
const direct = { cache: { direct: true } };
/** qcow2 `q` (inline file `qf`) with an inline backing qcow2 `b` (inline file `bf`). */
const chain = add(qcow2('q', file('qf', 'q.qcow2'), { backing: qcow2('b', file('bf', 'b.qcow2')) }));
const images = ['q.qcow2', 'b.qcow2'];

export const INHERIT_CASES: ScriptCase[] = [
  {
    name: 'inheritance: a kept value gives way when the parent passes the option later',
    script: [add(raw('s', nul('sf'))), reopen(raw('s', 'sf', direct)), reopen(raw('s', 'sf', { 'read-only': true }))],
  },
  {
    name: 'inheritance: parent reopened twice without the option, then with it',
    script: [
      add(raw('s', nul('sf'), { 'read-only': true, ...direct })),
      reopen(raw('s', 'sf')),
      reopen(raw('s', 'sf', { cache: { 'no-flush': true } })),
      reopen(raw('s', 'sf', { 'read-only': false })),
    ],
  },
  {
    name: 'inheritance: child reopened on its own in between starts from the defaults',
    script: [
      add(raw('s', nul('sf'), { 'read-only': true })),
      reopen(nul('sf')),
      reopen(raw('s', 'sf', direct)),
      reopen(raw('s', 'sf', { 'read-only': true })),
    ],
  },
  {
    name: 'inheritance: what the child was given on its own beats the parent',
    script: [
      add(raw('s', nul('sf'), { 'read-only': true })),
      reopen(nul('sf', { 'read-only': true, ...direct })),
      reopen(raw('s', 'sf', { 'read-only': true, cache: { direct: false, 'no-flush': true } })),
    ],
  },
  {
    name: 'inheritance: a child reopened as a dict takes only what the parent passes',
    script: [
      add(raw('s', nul('sf'), direct)),
      reopen(raw('s', { driver: 'null-co' }, { 'read-only': true })),
      reopen(raw('s', { driver: 'null-co' })),
    ],
  },
  {
    name: 'inheritance: two levels of inline children',
    script: [
      add(raw('s', raw('m', nul('sf')))),
      reopen(raw('s', 'm', direct)),
      reopen(raw('s', 'm', { 'read-only': true })),
      reopen(raw('s', 'm', { cache: { 'no-flush': true } })),
    ],
  },
  {
    name: 'inheritance: referenced children keep their own options',
    script: [
      add(nul('n')),
      add(raw('s', 'n', { 'read-only': true, ...direct })),
      reopen(raw('s', 'n', { cache: { 'no-flush': true } })),
    ],
  },
  {
    name: 'inheritance: inline backing chain keeps cache and is read-only',
    script: [
      chain,
      reopen(qcow2('q', 'qf', { backing: 'b', ...direct })),
      reopen(qcow2('q', 'qf', { backing: 'b', 'read-only': true })),
      reopen(qcow2('q', 'qf', { backing: 'b' })),
    ],
    images,
  },
  {
    name: 'inheritance: backing child reopened on its own, then through its parent',
    script: [
      chain,
      reopen(qcow2('b', 'bf', { 'read-only': true, ...direct })),
      reopen(qcow2('q', 'qf', { backing: 'b', cache: { 'no-flush': true } })),
      reopen(qcow2('q', 'qf', { backing: 'b', cache: { direct: false } })),
    ],
    images,
  },
  {
    name: 'inheritance: a backing child reopened on its own is no longer forced read-only',
    script: [chain, reopen(qcow2('b', 'bf')), reopen(qcow2('b', 'bf'), file('bf', 'b.qcow2'))],
    images,
  },
  {
    name: 'inheritance: an inline child reopened on its own under a read-only parent is writable',
    script: [add(raw('s', nul('sf'), { 'read-only': true, ...direct })), reopen(nul('sf'))],
  },
];
