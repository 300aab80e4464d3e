import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { JsonObject, QmpCommand } from '../../model/index.ts';
import { createImage } from './images.ts';
import { add, del, reopen } from './qmpCommands.ts';
import { expectScriptAgrees } from './scriptCases.ts';

/** A file node's options: two host files (one also spelled `./a.img`), read-only, force-share, locking. */
interface FileSpec {
  filename: string;
  readOnly: boolean | undefined;
  forceShare: boolean;
  locking: string | undefined;
}

const fileArb: fc.Arbitrary<FileSpec> = fc.record({
  filename: fc.constantFrom('a.img', 'b.img', './a.img'),
  // mostly writable, so that writers meet: read-only one time in four, force-share one in eight
  readOnly: fc.constantFrom(undefined, undefined, false, true),
  forceShare: fc.constantFrom(false, false, false, false, false, false, false, true),
  locking: fc.constantFrom(undefined, 'on', 'off', 'auto'),
});

type Step =
  | { kind: 'file'; file: FileSpec }
  | {
      kind: 'format';
      driver: 'qcow2' | 'raw';
      file: FileSpec;
      inline: boolean;
      pick: number;
      readOnly: boolean | undefined;
    }
  | { kind: 'del'; pick: number }
  | { kind: 'reopen'; pick: number; readOnly: boolean };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('file' as const), file: fileArb }), weight: 1 },
  // format nodes three times as often as each other step: they are the writers
  {
    arbitrary: fc.record({
      kind: fc.constant('format' as const),
      driver: fc.constantFrom('qcow2' as const, 'raw' as const),
      file: fileArb,
      inline: fc.boolean(),
      pick: fc.nat(10),
      readOnly: fc.option(fc.boolean(), { nil: undefined }),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('del' as const), pick: fc.nat(10) }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('reopen' as const), pick: fc.nat(10), readOnly: fc.boolean() }),
    weight: 1,
  },
);

/** blockdev-add options of a file node (force-share always with read-only, which QEMU requires). */
function fileOptions(name: string, spec: FileSpec): JsonObject {
  return {
    driver: 'file',
    'node-name': name,
    filename: spec.filename,
    ...(spec.readOnly === undefined ? {} : { 'read-only': spec.readOnly }),
    ...(spec.forceShare ? { 'force-share': true, 'read-only': true } : {}),
    ...(spec.locking === undefined ? {} : { locking: spec.locking }),
  };
}

/**
 * The script: file nodes, qcow2 nodes (which take write on their file when writable) and raw nodes
 * (which take only what their parents take) over a new inline file or an existing file node,
 * deletions, read-only reopens.
 */
function script(steps: readonly Step[]): QmpCommand[] {
  const commands: QmpCommand[] = [];
  const files: JsonObject[] = [];
  const names: string[] = [];
  const at = <T>(list: readonly T[], i: number): T | undefined => list[i % Math.max(1, list.length)];
  for (const [i, step] of steps.entries()) {
    const name = `n${String(i)}`;
    if (step.kind === 'file') {
      const options = fileOptions(name, step.file);
      commands.push(add(options));
      files.push(options);
      names.push(name);
    } else if (step.kind === 'format') {
      const existing = step.inline ? undefined : at(files, step.pick);
      const file = existing === undefined ? fileOptions(`${name}f`, step.file) : existing['node-name'];
      const readOnly = step.readOnly === undefined ? {} : { 'read-only': step.readOnly };
      commands.push(add({ driver: step.driver, 'node-name': name, file: file ?? null, ...readOnly }));
      names.push(name);
    } else if (step.kind === 'del') {
      commands.push(del(at(names, step.pick) ?? 'none'));
    } else {
      const options = at(files, step.pick);
      // force-share cannot be reopened at all (reopenOptions.ts): those reopens test nothing here
      if (options !== undefined && options['force-share'] === undefined)
        commands.push(reopen({ ...options, 'read-only': step.readOnly }));
    }
  }
  return commands;
}

// file-posix image locks between nodes that open one host file (perms/ lockPeers): writers, shared
// and exclusive readers, locking=off/auto, a file spelled two ways, nodes deleted and reopened.
describe('random file nodes on shared host files', () => {
  it('are refused and locked as qemu-storage-daemon does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 2, maxLength: 10 }), async (steps) => {
        const prepare = (dir: string) =>
          Promise.all([createImage(dir, 'a.img', 'qcow2'), createImage(dir, 'b.img', 'qcow2')]);
        await expectScriptAgrees(script(steps), prepare, 'blockgraph-locks-');
      }),
      { numRuns: 200, seed: 20261126 },
    );
  }, 300_000);
});
