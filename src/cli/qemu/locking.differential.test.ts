import { add, del, file, qcow2, raw } from './qmpCommands.ts';
import { describeScriptCases, type ScriptCase } from './scriptCases.ts';

/**
 * Image locking between nodes of one process: every file-posix node takes byte-range locks on its
 * host file for the permissions it holds and the ones it does not share, so two nodes on one file
 * exclude each other as two processes would (block/file-posix.c: raw_check_lock_bytes).
 */
const inlineFile = (image: string, extra = {}) => ({ driver: 'file', filename: image, ...extra });

const CASES: ScriptCase[] = [
  {
    name: 'two writable qcow2 nodes on one file: the second cannot take write',
    script: [add(qcow2('q1', inlineFile('a.qcow2'))), add(qcow2('q2', inlineFile('a.qcow2')))],
    images: ['a.qcow2'],
  },
  {
    name: 'a read-only qcow2 after a writable one does not share write',
    script: [add(qcow2('q1', inlineFile('a.qcow2'))), add(qcow2('q2', inlineFile('a.qcow2'), { 'read-only': true }))],
    images: ['a.qcow2'],
  },
  {
    name: 'a writable qcow2 after a read-only one cannot take write',
    script: [add(qcow2('q1', inlineFile('a.qcow2'), { 'read-only': true })), add(qcow2('q2', inlineFile('a.qcow2')))],
    images: ['a.qcow2'],
  },
  {
    name: 'two read-only qcow2 nodes share the file',
    script: [
      add(qcow2('q1', inlineFile('a.qcow2'), { 'read-only': true })),
      add(qcow2('q2', inlineFile('a.qcow2'), { 'read-only': true })),
    ],
    images: ['a.qcow2'],
  },
  {
    name: 'force-share on a read-only second node shares everything',
    script: [
      add(qcow2('q1', inlineFile('a.qcow2'))),
      add(
        qcow2('q2', inlineFile('a.qcow2', { 'read-only': true, 'force-share': true }), {
          'read-only': true,
          'force-share': true,
        }),
      ),
    ],
    images: ['a.qcow2'],
  },
  {
    name: 'two writable raw nodes share everything',
    script: [add(raw('r1', inlineFile('a.qcow2'))), add(raw('r2', inlineFile('a.qcow2')))],
    images: ['a.qcow2'],
  },
  {
    name: 'locking off on the second node, then on the first',
    script: [
      add(qcow2('q1', inlineFile('a.qcow2'))),
      add(qcow2('q2', inlineFile('a.qcow2', { locking: 'off' }))),
      add(qcow2('q3', inlineFile('b.qcow2', { locking: 'off' }))),
      add(qcow2('q4', inlineFile('b.qcow2'))),
    ],
    images: ['a.qcow2', 'b.qcow2'],
  },
  {
    name: 'two spellings of one file name',
    script: [add(qcow2('q1', inlineFile('a.qcow2'))), add(qcow2('q2', inlineFile('./a.qcow2')))],
    images: ['a.qcow2'],
  },
  {
    name: 'a bare file node locks nothing until a format uses it',
    script: [add(file('f1', 'a.qcow2')), add(file('f2', 'a.qcow2')), add(qcow2('q1', 'f1')), add(qcow2('q2', 'f2'))],
    images: ['a.qcow2'],
  },
  {
    name: 'a writable image that is also the backing file of another',
    script: [
      add(qcow2('base', inlineFile('base.qcow2'))),
      add(qcow2('top', inlineFile('top.qcow2'), { backing: qcow2('b2', inlineFile('base.qcow2')) })),
    ],
    images: ['base.qcow2', 'top.qcow2'],
  },
  {
    name: 'deleting the first node frees the file',
    script: [
      add(qcow2('q1', inlineFile('a.qcow2'))),
      add(qcow2('q2', inlineFile('a.qcow2'))),
      del('q1'),
      add(qcow2('q2', inlineFile('a.qcow2'))),
    ],
    images: ['a.qcow2'],
  },
];

describeScriptCases(CASES, 'blockgraph-locking-');
