import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentSpecArb, oddFileNames, toDocument } from '../cli/qemu/randomDocuments.ts';
import {
  EXAMPLES,
  graph,
  qcow2Header,
  quorumOfThree,
  rawOverNullCo,
  seedSimpleTree,
  throttleWithGroup,
} from '../model/fixtures/index.ts';
import { parseQemuOpts } from '../model/cmdline/index.ts';
import {
  commandLineOptions,
  formatDiagnostic,
  imagesFrom,
  INHERITED_OPTIONS,
  isJsonObject,
  parentLinks,
  resolveCommandLine,
  resolveDocument,
  resolveOptions,
  type BlockGraph,
  type ImageSource,
  type JsonObject,
  type JsonValue,
  type Result,
} from '../model/index.ts';
import { driveBackendIds, toDriveArgs } from './driveExport.ts';
import { blockdevOptions } from './qmpScript.ts';

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
  return result.value;
}

/** The words and the notes of toDriveArgs. */
function drive(doc: BlockGraph): { words: string[]; notes: string[] } {
  const notes: string[] = [];
  return { words: unwrap(toDriveArgs(doc, { notes })), notes };
}

/** The value of every `-drive` word. */
function driveValues(words: readonly string[]): string[] {
  return words.flatMap((word, i) => (words[i - 1] === '-drive' ? [word] : []));
}

/** The refusal of a document that has no -drive form: [code, node, path, message]. */
function refusal(doc: BlockGraph): [string, string | undefined, string | undefined, string][] {
  const result = toDriveArgs(doc);
  if (result.ok) throw new Error(`expected a refusal, got ${result.value.join(' ')}`);
  return result.diagnostics.map((d) => [d.code, d.node, d.path, d.message]);
}

/**
 * Headers for every image a document names: qcow2 under a qcow2 parent (no backing file in the
 * header, as prepareImages makes them), raw bytes under anything else.
 */
function imagesOf(doc: BlockGraph): ImageSource {
  const files: Record<string, Uint8Array> = {};
  for (const node of Object.values(doc.nodes)) {
    const name = node.options.filename;
    if (node.driver !== 'file' || typeof name !== 'string') continue;
    const qcow2 = parentLinks(doc, node.id).some((l) => l.role === 'file' && doc.nodes[l.parent]?.driver === 'qcow2');
    files[name] = qcow2 ? qcow2Header() : new Uint8Array(512);
  }
  return imagesFrom(files);
}

/**
 * Differences between what resolveCommandLine predicts QEMU builds from the export and what
 * resolveDocument predicts from the document: every node's drv, ro, cache and detect_zeroes, every
 * generic option's effective value (commandLineOptions against resolveOptions), every edge. The
 * export's BlockBackends and their `root` edges are left out, and an unnamed top-level node, which
 * the command line calls `#<BlockBackend>/root`, is renamed to the document's `#<id>`.
 */
function modelDifferences(doc: BlockGraph): string[] {
  const words = unwrap(toDriveArgs(doc));
  const images = imagesOf(doc);
  const built = resolveCommandLine(words, images);
  if (built.error !== null) return [`error: ${built.error}`];
  const renames = [...driveBackendIds(doc)].map(([id, backend]) => [`#${backend}/root`, `#${id}`] as const);
  const rename = (name: string): string => {
    const hit = renames.find(([from]) => name === from || name.startsWith(`${from}/`));
    return hit === undefined ? name : hit[1] + name.slice(hit[0].length);
  };
  const backends = new Set(built.nodes.filter((n) => n.type === 'block-backend').map((n) => n['node-name']));
  const nodes = built.nodes.flatMap((n) =>
    n.type === 'block-driver' ? [{ ...n, 'node-name': rename(n['node-name']) }] : [],
  );
  const edges = built.edges
    .filter((e) => !backends.has(e.parent))
    .map((e) => `${rename(e.parent)} -${e.name}-> ${rename(e.child)}`);
  const predicted = resolveDocument(doc);
  const out: string[] = [];
  const text = (value: unknown) => JSON.stringify(value);
  const sorted = <T extends { 'node-name': string }>(list: readonly T[]) =>
    [...list].sort((a, b) => a['node-name'].localeCompare(b['node-name']));
  if (text(sorted(nodes)) !== text(sorted(predicted.nodes)))
    out.push(`nodes: ${text(sorted(nodes))} != ${text(sorted(predicted.nodes))}`);
  const want = predicted.edges.map((e) => `${e.parent} -${e.name}-> ${e.child}`).sort();
  if (text([...edges].sort()) !== text(want)) out.push(`edges: ${text([...edges].sort())} != ${text(want)}`);
  const effective = commandLineOptions(words, images);
  const documentOptions = resolveOptions(doc);
  Object.keys(doc.nodes).forEach((id, i) => {
    const name = predicted.nodes[i]?.['node-name'] ?? id;
    const cmdName = [...effective.keys()].find((key) => rename(key) === name);
    for (const option of INHERITED_OPTIONS) {
      const got = cmdName === undefined ? undefined : effective.get(cmdName)?.[option].value;
      const wanted = documentOptions.get(id)?.[option].value;
      if (got !== wanted) out.push(`${name} ${option}: -drive ${String(got)}, document ${String(wanted)}`);
    }
  });
  return out;
}

/** block.c: bdrv_parse_cache_mode, for the modes the export writes. */
const MODES: Readonly<Record<string, { direct: string; 'no-flush': string }>> = {
  writeback: { direct: 'off', 'no-flush': 'off' },
  none: { direct: 'on', 'no-flush': 'off' },
  unsafe: { direct: 'off', 'no-flush': 'on' },
};

/** Sets `value` at the dotted `path` of `into`, making objects on the way. */
function setPath(into: JsonObject, path: readonly string[], value: JsonValue): void {
  const [head = '', ...rest] = path;
  if (rest.length === 0) {
    into[head] = value;
    return;
  }
  const next = isJsonObject(into[head]) ? into[head] : {};
  into[head] = next;
  setPath(next, rest, value);
}

/**
 * A -drive value read back with parseQemuOpts and nested again by its dotted keys: `if` and `id`
 * dropped, `cache=<mode>` expanded, `file=json:{"file":…}` back to the reference. Values stay strings.
 */
function decodeDrive(value: string): JsonObject {
  const parsed = parseQemuOpts(value);
  if (!parsed.ok) throw new Error(parsed.message);
  const out: JsonObject = {};
  for (const { key, value: text, shortForm } of parsed.value.opts) {
    if (shortForm) throw new Error(`short-form boolean '${key}' in ${value}`);
    if (key === 'if') continue;
    if (key === 'cache') setPath(out, ['cache'], { ...(isJsonObject(out.cache) ? out.cache : {}), ...MODES[text] });
    else if (key === 'file' && text.startsWith('json:')) {
      const json = JSON.parse(text.slice('json:'.length)) as JsonValue;
      setPath(out, ['file'], isJsonObject(json) ? (json.file ?? null) : null);
    } else setPath(out, key.split('.'), text);
  }
  return out;
}

/** A JSON value as QemuOpts strings: booleans on/off, numbers in decimal, list items keyed by index, null as ''. */
function asStrings(value: JsonValue): JsonValue {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return Object.fromEntries(value.map((item, i) => [String(i), asStrings(item)]));
  if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asStrings(v)]));
  return value;
}

/**
 * What decodeDrive should give for a top-level node: its blockdev-add options as strings, with
 * -drive's auto-read-only=on undone, and both cache values when a cache= mode stands for them.
 */
function expectedOptions(doc: BlockGraph, id: string): JsonObject {
  const options = asStrings(blockdevOptions(doc, id)) as JsonObject;
  if (!Object.hasOwn(options, 'auto-read-only')) options['auto-read-only'] = 'off';
  const cache = options.cache;
  if (isJsonObject(cache) && !(cache.direct === 'on' && cache['no-flush'] === 'on')) {
    options.cache = { direct: cache.direct ?? 'off', 'no-flush': cache['no-flush'] ?? 'off' };
  }
  return options;
}

describe('toDriveArgs', () => {
  it('writes one -drive per top-level node, inline children as dotted keys, then the device on its BlockBackend', () => {
    expect(drive(seedSimpleTree()).words).toEqual([
      '-drive',
      'if=none,id=drive-disk,driver=qcow2,node-name=disk,' +
        'backing.driver=qcow2,backing.node-name=backing,backing.file.driver=file,backing.file.node-name=backing-file,' +
        'backing.file.filename=backing.qcow2,file.driver=file,file.node-name=disk-file,file.filename=disk.qcow2,' +
        'auto-read-only=off',
      '-device',
      'virtio-blk-pci,drive=drive-disk,id=vda',
    ]);
  });

  it('creates referenced nodes first and names them; a top-level file reference goes into a json: filename', () => {
    const { words, notes } = drive(throttleWithGroup());
    expect(words).toEqual([
      '-object',
      '{"qom-type":"throttle-group","id":"tg0","limits":{"iops-total":1000}}',
      '-drive',
      'if=none,id=drive-disk0,driver=qcow2,node-name=disk0,file.driver=file,file.node-name=disk0-file,' +
        'file.filename=disk0.qcow2,auto-read-only=off',
      '-drive',
      'if=none,id=drive-throttle0,driver=throttle,node-name=throttle0,throttle-group=tg0,auto-read-only=off,' +
        'file=json:{"file":"disk0"}',
      '-device',
      'virtio-blk-pci,drive=drive-throttle0,id=vda',
    ]);
    expect(notes).toEqual([
      "BlockBackend 'drive-disk0' ('disk0') has no device (every -drive makes one): it takes consistent-read on its node and shares everything, so QEMU shows a 'root' edge there, and filters below (raw, throttle, blkdebug…) take consistent-read from their children",
    ]);
  });

  it('writes a node that defines another inline before a node that references it, whatever the document order', () => {
    const doc = graph()
      .node('b', 'raw')
      .node('a', 'raw')
      .node('x', 'null-co')
      .child('a', 'file', 'x')
      .ref('b', 'file', 'x')
      .build();
    expect(driveValues(drive(doc).words)).toEqual([
      'if=none,id=drive-a,driver=raw,node-name=a,file.driver=null-co,file.node-name=x,auto-read-only=off',
      'if=none,id=drive-b,driver=raw,node-name=b,auto-read-only=off,file=json:{"file":"x"}',
    ]);
    expect(modelDifferences(doc)).toEqual([]);
  });

  it('writes references below the top as plain node-names (quorum children, a backing)', () => {
    const [, , , , disk0] = driveValues(drive(quorumOfThree()).words);
    expect(disk0).toContain(
      'file.children.0.file=file0,file.children.0.backing=back0,file.children.1=qc1,file.children.2=qc2',
    );
  });

  it.each([
    [{ direct: true }, 'cache=none'],
    [{ direct: false }, 'cache=writeback'],
    [{ 'no-flush': true }, 'cache=unsafe'],
    [{ direct: false, 'no-flush': true }, 'cache=unsafe'],
    [{ direct: true, 'no-flush': true }, 'cache.direct=on,cache.no-flush=on'],
  ])('writes the top node’s cache %j as %s', (cache, written) => {
    const doc = graph().node('n', 'null-co', { cache }).build();
    const [value = ''] = driveValues(drive(doc).words);
    expect(value.split(/,(?=[a-z])/).filter((item) => item.startsWith('cache'))).toEqual(written.split(','));
    expect(modelDifferences(doc)).toEqual([]);
  });

  it('leaves an inline child’s own cache values dotted under the top node’s mode', () => {
    const doc = graph()
      .node('q', 'qcow2', { cache: { direct: true } })
      .node('f', 'file', { filename: 'q.qcow2', cache: { direct: false } }, { name: null })
      .child('q', 'file', 'f')
      .build();
    expect(driveValues(drive(doc).words)).toEqual([
      'if=none,id=drive-q,driver=qcow2,node-name=q,file.driver=file,file.filename=q.qcow2,file.cache.direct=off,auto-read-only=off,cache=none',
    ]);
    expect(modelDifferences(doc)).toEqual([]);
  });

  it('keeps auto-read-only when the node sets it, and writes read-only and detect-zeroes as they are', () => {
    const doc = graph()
      .node('n', 'null-co', { 'auto-read-only': true, 'read-only': true, 'detect-zeroes': 'on' })
      .build();
    expect(driveValues(drive(doc).words)).toEqual([
      'if=none,id=drive-n,driver=null-co,node-name=n,auto-read-only=on,read-only=on,detect-zeroes=on',
    ]);
  });

  it('notes a top node with detect-zeroes=unmap but no discard=unmap, which only -drive takes', () => {
    const doc = graph().node('n', 'null-co', { 'detect-zeroes': 'unmap' }).build();
    expect(drive(doc).notes[0]).toBe(
      "'n' sets detect-zeroes=unmap without discard=unmap: blockdev-add refuses that, -drive takes it",
    );
    const fine = graph().node('n', 'null-co', { 'detect-zeroes': 'unmap', discard: 'unmap' }).build();
    expect(drive(fine).notes.filter((n) => n.includes('detect-zeroes'))).toEqual([]);
  });

  it('doubles commas in values, and parseQemuOpts gives back exactly the options', () => {
    const doc = oddFileNames();
    const [value = ''] = driveValues(drive(doc).words);
    const parsed = parseQemuOpts(value);
    expect(parsed.ok && parsed.value.id).toBe('drive-disk');
    const opts = parsed.ok ? parsed.value.opts : [];
    expect(opts.find((o) => o.key === 'file.filename')?.value).toBe(doc.nodes['disk-file']?.options.filename);
    expect(opts.find((o) => o.key === 'backing.file.filename')?.value).toBe(doc.nodes['back-file']?.options.filename);
    expect(opts.every((o) => o.shortForm === undefined)).toBe(true);
  });

  it('writes backing: null as backing= and says QEMU warns about it', () => {
    const doc = graph()
      .node('q', 'qcow2', { backing: null })
      .node('f', 'file', { filename: 'q.qcow2' }, { name: null })
      .child('q', 'file', 'f')
      .build();
    const { words, notes } = drive(doc);
    expect(driveValues(words)[0]).toContain(',backing=,');
    expect(notes[0]).toMatch(/^'q': backing: null is written backing= \(empty\)/);
    expect(modelDifferences(doc)).toEqual([]);
  });

  it('names BlockBackends apart from every node-name, and gives an unnamed top-level node one by its id', () => {
    const doc = graph()
      .node('a', 'null-co')
      .node('drive-a', 'null-co')
      .node('x', 'null-co', {}, { name: null })
      .node('drive-a-2', 'null-co')
      .build();
    expect([...driveBackendIds(doc).values()].sort()).toEqual([
      'drive-a-3',
      'drive-drive-a',
      'drive-drive-a-2',
      'drive-x',
    ]);
    expect(modelDifferences(doc)).toEqual([]);
  });

  it('gives a second device on a node the node-name, and a device below the top the node-name', () => {
    const doc = graph()
      .node('q', 'qcow2')
      .node('f', 'file', { filename: 'q.qcow2' })
      .child('q', 'file', 'f')
      .frontend('vda', 'virtio-blk-pci', 'q', { 'share-rw': true })
      .frontend('vdb', 'virtio-blk-pci', 'q', { 'share-rw': true })
      .frontend('vdc', 'virtio-blk-pci', 'f')
      .build();
    expect(drive(doc).words.slice(2)).toEqual([
      '-device',
      'virtio-blk-pci,drive=drive-q,id=vda,share-rw=on',
      '-device',
      'virtio-blk-pci,drive=q,id=vdb,share-rw=on',
      '-device',
      'virtio-blk-pci,drive=f,id=vdc',
    ]);
  });

  it('serves an unnamed top-level node’s device through its BlockBackend (-blockdev cannot)', () => {
    const doc = graph().node('n', 'null-co', {}, { name: null }).frontend('vda', 'virtio-blk-pci', 'n').build();
    expect(drive(doc).words).toEqual([
      '-drive',
      'if=none,id=drive-n,driver=null-co,auto-read-only=off',
      '-device',
      'virtio-blk-pci,drive=drive-n,id=vda',
    ]);
  });

  it('adds the controller a device needs, and leaves exports out with a note', () => {
    const doc = graph().node('n', 'null-co').frontend('sd0', 'scsi-hd', 'n').frontend('e0', 'nbd-export', 'n').build();
    const { words, notes } = drive(doc);
    expect(words.slice(2)).toEqual(['-device', 'virtio-scsi-pci', '-device', 'scsi-hd,drive=drive-n,id=sd0']);
    expect(notes).toEqual(["frontend 'e0' (nbd-export) is not a -device: left out"]);
  });
});

describe('toDriveArgs refuses what -drive cannot say (E401)', () => {
  it('a top-level option the drive layer keeps for itself', () => {
    const doc = graph().node('r', 'rbd', { pool: 'p', image: 'i', snapshot: 's1' }).build();
    expect(refusal(doc)).toEqual([
      [
        'E401',
        'r',
        'snapshot',
        "'r' cannot be written as -drive: -drive keeps its top-level option 'snapshot' for itself, so the node would not get it",
      ],
    ]);
  });

  it('the same option below the top is fine', () => {
    const doc = graph()
      .node('raw', 'raw')
      .node('r', 'rbd', { pool: 'p', image: 'i', snapshot: 's1' }, { name: null })
      .child('raw', 'file', 'r')
      .build();
    expect(driveValues(drive(doc).words)[0]).toContain('file.snapshot=s1');
  });

  it('an empty list or object, which QemuOpts has no spelling for', () => {
    const doc = graph()
      .node('d', 'blkdebug', { 'inject-error': [] })
      .node('n', 'null-co', {}, { name: null })
      .child('d', 'image', 'n')
      .build();
    expect(refusal(doc)).toEqual([
      [
        'E401',
        'd',
        'inject-error',
        "'d' cannot be written as -drive: QemuOpts has no spelling for an empty list at 'inject-error'",
      ],
    ]);
  });

  it('a second device on an unnamed top-level node, and a device on an unnamed node below the top', () => {
    const doc = graph()
      .node('r', 'raw', {}, { name: null })
      .node('n', 'null-co', {}, { name: null })
      .child('r', 'file', 'n')
      .frontend('vda', 'virtio-blk-pci', 'r')
      .frontend('vdb', 'virtio-blk-pci', 'r')
      .frontend('vdc', 'virtio-blk-pci', 'n')
      .build();
    expect(refusal(doc).map(([code, node, path]) => [code, node, path])).toEqual([
      ['E401', 'vdb', 'root'],
      ['E401', 'vdc', 'root'],
    ]);
  });

  it('a cycle, as every export does (E203)', () => {
    const doc: BlockGraph = {
      ...graph().node('a', 'raw').node('b', 'raw').build(),
      links: [
        { parent: 'a', role: 'file', child: 'b', mode: 'reference' },
        { parent: 'b', role: 'file', child: 'a', mode: 'reference' },
      ],
    };
    expect(refusal(doc).map(([code]) => code)).toEqual(['E203']);
  });
});

describe('resolveCommandLine of the export builds what resolveDocument predicts', () => {
  it.each(EXAMPLES.map((e) => [e.id, e.build] as const))('%s', (_id, build) => {
    expect(modelDifferences(build())).toEqual([]);
  });

  it('odd file names, and raw over null-co', () => {
    expect(modelDifferences(oddFileNames())).toEqual([]);
    expect(modelDifferences(rawOverNullCo())).toEqual([]);
  });

  it('random documents (fast-check)', () => {
    fc.assert(
      fc.property(documentSpecArb, (spec) => {
        expect(modelDifferences(toDocument(spec))).toEqual([]);
      }),
      { seed: 20261126, numRuns: 250 },
    );
  });

  it('parseQemuOpts reads every -drive of random documents back as the node’s blockdev-add options', () => {
    fc.assert(
      fc.property(documentSpecArb, (spec) => {
        const doc = toDocument(spec);
        const values = driveValues(unwrap(toDriveArgs(doc)));
        const ids = [...driveBackendIds(doc).keys()];
        expect(values.map(decodeDrive)).toEqual(ids.map((id) => expectedOptions(doc, id)));
      }),
      { seed: 20261127, numRuns: 200 },
    );
  });
});
