import {
  DRIVE_SHORTCUTS,
  FLAGS,
  catalogue,
  diagnostic,
  driveSpec,
  fail,
  flatten,
  frontendSpec,
  FRONTENDS,
  isJsonObject,
  isWellFormedId,
  membersOf,
  openTraits,
  parseKeyval,
  parseQemuJson,
  parseQemuOpts,
  splitCommandLine,
  type DriveSpec,
  type ImageSource,
  type JsonObject,
  type JsonValue,
  type QemuOpt,
  type QemuOpts,
  type Result,
} from '../model/index.ts';
import { ImportBuilder, type Imported, type TextSite } from './importGraph.ts';
import { buildNode, type ReadMode } from './importNode.ts';
import { convertMembers, crumpleEntries, put } from './importOptions.ts';

export type { Imported } from './importGraph.ts';

/** A word of a command line and where it starts. */
export interface Word {
  text: string;
  line: number;
  column: number;
}

/**
 * A QEMU command line as a document, built from what it says (not from what QEMU opens): every
 * `-blockdev` becomes its node with its inline children (references linked by node-name), every
 * `-drive` the nodes it opens (its root named after the drive, its `file=` an inline protocol
 * child, `-drive`'s own defaults written out where blockdev-add's differ), `-object` the document's
 * objects, `-device` with `drive=` and `if=virtio|ide|scsi` frontends. Anything the document cannot
 * say is a note: BlockBackend and device keys, other options (`-m`, `-machine`, `-netdev`…).
 * `images` is what QEMU's working directory holds, for probing a `-drive` without `format=` and
 * for `backing.*` options of a backing file an image header names.
 *
 * Errors carry the line and column of the offending word and, where known, the key path in it.
 *
 * @example fromCommandLine('qemu-system-x86_64 -drive file=a.qcow2,format=qcow2,if=none,id=d0,cache=none')
 *   // ok({ graph: d0 (qcow2, cache.direct=on) --file--> file (filename a.qcow2), notes: [] })
 */
export function fromCommandLine(text: string, images?: ImageSource): Result<Imported> {
  const split = splitCommandLine(text);
  if (!split.ok) {
    const { message, line, column } = split.error;
    return fail(diagnostic('E410', { detail: message }, { line, column }));
  }
  const words = split.words.map((word, i) => ({ text: word, ...(split.positions[i] ?? { line: 1, column: 1 }) }));
  return importWords(words, images);
}

/** A `-drive` (or a shortcut such as `-hda`) as parsed, with where it was written. */
interface WrittenDrive {
  opts: QemuOpts;
  site: TextSite;
  /** How it was written, when not as `-drive` (`-hda`, a bare image name). */
  shortcut?: string;
}

/** Everything the option loop collected, in command-line order per kind. */
interface Collected {
  drives: WrittenDrive[];
  blockdevs: Word[];
  objects: Word[];
  devices: Word[];
  snapshot: boolean;
}

const site = (word: Word): TextSite => ({ line: word.line, column: word.column });

/** softmmu/vl.c: qemu_init's option loop over the words; returns false after an error. */
function collect(b: ImportBuilder, words: readonly Word[]): Collected {
  const out: Collected = { drives: [], blockdevs: [], objects: [], devices: [], snapshot: false };
  for (let i = 0; i < words.length;) {
    const word = words[i] as Word;
    if (!word.text.startsWith('-')) {
      // softmmu/vl.c: a word that is not an option is a disk image, as with -hda.
      out.drives.push({ opts: shortcutOpts(0, 'disk', word.text), site: site(word), shortcut: word.text });
      i++;
      continue;
    }
    const option = word.text.replace(/^--/, '-');
    if (option === '-snapshot') out.snapshot = true;
    else if (FLAGS.has(option)) b.notes.push(`${option}: not part of the block graph, ignored`);
    if (option === '-snapshot' || FLAGS.has(option)) {
      i++;
      continue;
    }
    const value = words[i + 1];
    if (value === undefined) {
      b.error(diagnostic('E411', { option: word.text }, site(word)));
      return out;
    }
    collectOption(b, out, option, value);
    i += 2;
  }
  if (out.snapshot) {
    b.notes.push('-snapshot: the temporary overlays QEMU puts above every drive are not part of the document');
  }
  return out;
}

function collectOption(b: ImportBuilder, out: Collected, option: string, value: Word): void {
  const shortcut = Object.hasOwn(DRIVE_SHORTCUTS, option) ? DRIVE_SHORTCUTS[option] : undefined;
  if (option === '-drive') {
    const parsed = parseQemuOpts(value.text);
    if (parsed.ok) out.drives.push({ opts: parsed.value, site: site(value) });
    else b.error(diagnostic('E412', { desc: parsed.message }, { ...site(value), path: 'id' }));
  } else if (shortcut !== undefined) {
    out.drives.push({
      opts: shortcutOpts(shortcut.index, shortcut.media, value.text),
      site: site(value),
      shortcut: `${option} ${value.text}`,
    });
  } else if (option === '-blockdev') out.blockdevs.push(value);
  else if (option === '-object') out.objects.push(value);
  else if (option === '-device') out.devices.push(value);
  else b.notes.push(`${option} ${value.text}: not part of the block graph, ignored`);
}

/** softmmu/vl.c: drive_add(IF_DEFAULT, index, file, "media=…") for -hda…-hdd, -cdrom and bare image names. */
function shortcutOpts(index: number, media: string, file: string): QemuOpts {
  const opts: QemuOpt[] = [
    { key: 'media', value: media },
    { key: 'index', value: String(index) },
    { key: 'file', value: file },
  ];
  return { id: undefined, opts, warnings: [] };
}

/**
 * The words of a command line (without the program name) as a document; see fromCommandLine.
 * QEMU's order: objects, then every -blockdev, then every -drive, then devices.
 */
export function importWords(words: readonly Word[], images?: ImageSource): Result<Imported> {
  const b = new ImportBuilder(images);
  const collected = collect(b, words);
  if (b.problems.length > 0) return { ok: false, diagnostics: b.problems };
  const optsObjects = new Set<string>();
  for (const word of collected.objects) importObject(b, word, optsObjects);
  for (const word of collected.blockdevs) importBlockdev(b, word);
  const addresses: DriveSpec[] = [];
  for (const drive of collected.drives) importDrive(b, drive, addresses, collected.snapshot);
  for (const word of collected.devices) importDevice(b, word);
  const finished = b.finish();
  return finished.ok ? finished : { ok: false, diagnostics: finished.diagnostics };
}

/** A JSON option value (`-blockdev {…}`, `-object {…}`, `-device {…}`), or undefined after reporting why not. */
function jsonObject(b: ImportBuilder, word: Word, option: string): JsonObject | undefined {
  const parsed = parseQemuJson(word.text);
  if (!parsed.ok) {
    b.error(diagnostic('E412', { desc: parsed.message }, site(word)));
    return undefined;
  }
  if (!isJsonObject(parsed.value)) {
    b.error(diagnostic('E413', { reason: `${option} in JSON must be a JSON object` }, site(word)));
    return undefined;
  }
  return parsed.value;
}

/** softmmu/vl.c, QEMU_OPTION_blockdev: JSON when it starts with `{`, else keyval with the implied key `driver`. */
export function importBlockdev(b: ImportBuilder, word: Word): string | undefined {
  let tree: JsonObject | undefined;
  let mode: ReadMode = 'json';
  if (word.text.startsWith('{')) tree = jsonObject(b, word, '-blockdev');
  else {
    const keyval = parseKeyval(word.text, 'driver');
    if (keyval.ok) [tree, mode] = [keyval.value, 'keyval'];
    else b.error(diagnostic('E412', { desc: keyval.message }, at(site(word), keyPath(keyval.message))));
  }
  if (tree === undefined) return undefined;
  const id = buildNode(b, { tree, protocol: false, mode, site: site(word), path: '', label: '-blockdev' });
  if (id === undefined || b.nodes[id]?.name !== undefined) return id;
  const named = b.nameNode(id, id);
  b.notes.push(`-blockdev without node-name (QEMU requires one): named '${b.nodes[named]?.name ?? named}'`);
  return named;
}

/** A diagnostic's location: where the word is, and the key path in it when known. */
function at(where: TextSite, path: string | undefined): TextSite & { path?: string } {
  return path === undefined ? where : { ...where, path };
}

/** The key a QEMU message names (`Parameter 'cache.direct' expects…`), for a diagnostic's path. */
function keyPath(message: string): string | undefined {
  const named = /parameters? '([^']+?)(?:\.\*)?'|^'([^']+)' and its alias/i.exec(message);
  const key = named?.[1] ?? named?.[2];
  if (key !== undefined) return key;
  const byText: readonly (readonly [RegExp, string])[] = [
    [/cache option/, 'cache'],
    [/aio option/, 'aio'],
    [/invalid media/, 'media'],
    [/bus type/, 'if'],
    [/invalid read error action/, 'rerror'],
    [/invalid write error action/, 'werror'],
    [/index cannot be used|too big|exists$/, 'index'],
  ];
  return byText.find(([pattern]) => pattern.test(message))?.[1];
}

/** -drive keys that belong to the BlockBackend or the guest device, not to a node (blockdev.c: drive_new, blockdev_init). */
function isBackendKey(key: string): boolean {
  return (
    ['bus', 'unit', 'index', 'media', 'snapshot', 'copy-on-read', 'group', 'iops_size'].includes(key) ||
    /^(throttling\.|stats-|(iops|bps)(_rd|_wr)?(_max)?$)/.test(key)
  );
}

/** What -drive keys the document cannot say do instead, one sentence each. */
function backendNotes(b: ImportBuilder, drive: WrittenDrive, spec: DriveSpec, hasFrontend: boolean): void {
  const label = drive.shortcut === undefined ? `-drive '${spec.id}'` : `${drive.shortcut} (drive '${spec.id}')`;
  for (const { key, value } of drive.opts.opts) {
    if (!isBackendKey(key) || drive.shortcut !== undefined) continue;
    if (key === 'media' && value === 'disk') continue;
    if ((key === 'snapshot' || key === 'copy-on-read') && value === 'off') continue;
    const what =
      key === 'snapshot'
        ? 'the temporary overlay QEMU puts above the image is not part of the document'
        : key === 'copy-on-read'
          ? 'copy-on-read of the BlockBackend is not part of the document (a copy-on-read filter node would be)'
          : key === 'media'
            ? 'the document has no CD-ROM device; the node is read-only'
            : /^(bus|unit|index)$/.test(key)
              ? `places the ${hasFrontend ? 'device' : 'drive'} on its bus; the document does not say where`
              : 'a setting of the BlockBackend the document cannot say (a throttle node with a throttle-group would be the blockdev way)';
    b.notes.push(`${label}: ${key}=${value}: ${what}`);
  }
  if (drive.shortcut !== undefined) {
    b.notes.push(`${label}: the machine's default interface decides the guest device; imported without one`);
  }
}

/** The -drive keys a guest device property says when the drive has a frontend (werror, rerror, write cache). */
function deviceProps(drive: WrittenDrive, spec: DriveSpec): JsonObject {
  const props: JsonObject = {};
  for (const key of ['werror', 'rerror']) {
    const value = lastValue(drive.opts.opts, key);
    if (value !== undefined) put(props, key, value);
  }
  if (!spec.writeback) put(props, 'write-cache', 'off');
  return props;
}

function lastValue(opts: readonly QemuOpt[], key: string): string | undefined {
  for (let i = opts.length - 1; i >= 0; i--) if (opts[i]?.key === key) return opts[i]?.value;
  return undefined;
}

/** blockdev.c: drive_new for if=virtio (a virtio-blk-pci), ide and scsi disks; other interfaces have no frontend kind. */
function frontendKind(spec: DriveSpec): string | undefined {
  if (spec.ifType === 'virtio') return 'virtio-blk-pci';
  if (spec.media !== 'disk') return undefined;
  if (spec.ifType === 'ide') return 'ide-hd';
  return spec.ifType === 'scsi' ? 'scsi-hd' : undefined;
}

/**
 * The root's options as the document writes them: what was written, plus -drive's own defaults
 * where blockdev-add's differ (auto-read-only=on, read-only=on for a CD-ROM) or where they beat
 * the top level of a json: filename (blockdev.c: blockdev_init sets them before the JSON joins).
 */
function rootEntries(b: ImportBuilder, spec: DriveSpec, label: string): [string, JsonValue][] {
  const jsonKeys = new Set<string>();
  if (spec.filename?.startsWith('json:') === true) {
    const parsed = parseQemuJson(spec.filename.slice('json:'.length));
    if (parsed.ok && isJsonObject(parsed.value))
      for (const key of flatten(parsed.value, 'json').keys()) jsonKeys.add(key);
  }
  const entries: [string, JsonValue][] = [];
  for (const [key, entry] of spec.options) {
    const keep = entry.origin !== 'drive' || key === 'auto-read-only' || (key === 'read-only' && entry.value === 'on');
    if (entry.origin === 'drive' && jsonKeys.has(key)) {
      b.notes.push(`${label}: -drive's ${key}=${String(entry.value)} beats the json: filename's ${key}`);
    }
    if (keep || jsonKeys.has(key)) entries.push([key, entry.value]);
  }
  if (spec.detectZeroes.explicit || jsonKeys.has('detect-zeroes')) {
    if (!spec.detectZeroes.explicit)
      b.notes.push(`${label}: -drive's detect-zeroes=off beats the json: filename's detect-zeroes`);
    entries.push(['detect-zeroes', spec.detectZeroes.value]);
  }
  return entries;
}

/**
 * blockdev.c: drive_new and blockdev_init — a -drive as nodes (root named after the drive), a
 * frontend for if=virtio/ide/scsi, and notes for what belongs to the BlockBackend.
 */
function importDrive(b: ImportBuilder, drive: WrittenDrive, addresses: DriveSpec[], snapshot: boolean): void {
  const parsed = driveSpec(drive.opts, addresses, snapshot);
  if (!parsed.ok) {
    b.error(diagnostic('E412', { desc: parsed.message }, at(drive.site, keyPath(parsed.message))));
    return;
  }
  const spec = parsed.value;
  addresses.push(spec);
  const label = `-drive '${spec.id}'`;
  const kind = frontendKind(spec);
  backendNotes(b, drive, spec, kind !== undefined);
  if (spec.ifType !== 'none' && kind === undefined) {
    b.notes.push(`${label}: if=${spec.ifType} (media=${spec.media}) has no frontend kind in blockgraph: left out`);
  }
  if (spec.empty) {
    b.drives.set(spec.id, undefined);
    b.notes.push(`${label} has no medium: no node in the document`);
    return;
  }
  const tree = crumpleEntries(rootEntries(b, spec, label));
  const filename = spec.filename === '' ? undefined : spec.filename;
  const built = buildNode(b, { tree, filename, protocol: false, mode: 'legacy', site: drive.site, path: '', label });
  if (built === undefined) return;
  const root = b.nameNode(built, spec.id);
  b.drives.set(spec.id, root);
  setAio(b, root, lastValue(drive.opts.opts, 'aio'));
  const props = deviceProps(drive, spec);
  if (kind !== undefined) {
    const id = b.freshId(kind);
    b.addFrontend({ id, kind, root: null, props }, spec.id, drive.site, `-drive if=${spec.ifType}`);
  } else {
    for (const [key, value] of Object.entries(props)) {
      b.notes.push(
        `${label}: ${key}=${JSON.stringify(value)} is a guest device property; the drive has no device here`,
      );
    }
  }
}

/**
 * blockdev.c: blockdev_init takes -drive's `aio` for itself, as open flags of the whole tree
 * (bdrv_parse_aio: BDRV_O_NATIVE_AIO for native, BDRV_O_IO_URING for io_uring, neither for
 * threads); block/file-posix.c: raw_open_common takes them as its `aio` default, which a node's
 * own `aio` beats. The document sets `aio` on the host-file nodes it defines inline below the
 * root that have none: `threads` too, since it was written (toDriveArgs writes a top file node's
 * `aio` so, and it must come back).
 */
function setAio(b: ImportBuilder, root: string, aio: string | undefined): void {
  if (aio !== 'native' && aio !== 'io_uring' && aio !== 'threads') return;
  const stack = [root];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    const node = b.nodes[id];
    if (node !== undefined && openTraits(node.driver).hostFile === true && node.options.aio === undefined) {
      b.nodes[id] = { ...node, options: { ...node.options, aio } };
    }
    for (const link of b.links) if (link.parent === id && link.mode === 'inline') stack.push(link.child);
  }
}

/**
 * softmmu/vl.c: object_option_parse — JSON, or QemuOpts with the implied key `qom-type`.
 * `optsObjects` holds the ids of QemuOpts objects so far: QemuOpts refuses a repeated id itself
 * ("Duplicate ID"), before QOM would ("attempt to add duplicate property").
 */
function importObject(b: ImportBuilder, word: Word, optsObjects: Set<string>): void {
  let qomType: JsonValue | undefined;
  let id: JsonValue | undefined;
  const props: JsonObject = {};
  if (word.text.startsWith('{')) {
    const value = jsonObject(b, word, '-object');
    if (value === undefined) return;
    ({ 'qom-type': qomType, id } = value);
    for (const [key, item] of Object.entries(value)) if (key !== 'qom-type' && key !== 'id') put(props, key, item);
  } else {
    const parsed = parseQemuOpts(word.text, 'qom-type');
    if (!parsed.ok) {
      b.error(diagnostic('E412', { desc: parsed.message }, { ...site(word), path: 'id' }));
      return;
    }
    id = parsed.value.id;
    qomType = lastValue(parsed.value.opts, 'qom-type');
    const args = catalogue.commandArguments('object-add');
    const members = args === undefined ? [] : membersOf(args, { 'qom-type': qomType ?? '' });
    const written: JsonObject = {};
    for (const { key, value } of parsed.value.opts) if (key !== 'qom-type') put(written, key, value);
    for (const [key, value] of Object.entries(convertMembers(members, written))) put(props, key, value);
    if (id !== undefined && optsObjects.has(id)) {
      b.error(diagnostic('E412', { desc: `Duplicate ID '${id}' for object` }, { ...site(word), path: 'id' }));
      return;
    }
    if (id !== undefined) optsObjects.add(id);
  }
  for (const [key, value] of [
    ['qom-type', qomType],
    ['id', id],
  ] as const) {
    if (typeof value !== 'string') {
      b.error(diagnostic('E412', { desc: `Parameter '${key}' is missing` }, { ...site(word), path: key }));
      return;
    }
  }
  const objectId = id as string;
  if (!isWellFormedId(objectId)) {
    // qom/object_interfaces.c: user_creatable_add_type (checked against qemu-system-x86_64 7.2).
    const desc = `Parameter 'id' expects an identifier\n${ID_HINT}`;
    b.error(diagnostic('E412', { desc }, { ...site(word), path: 'id' }));
    return;
  }
  if (Object.hasOwn(b.objects, objectId)) {
    const desc = `attempt to add duplicate property '${objectId}' to object (type 'container')`;
    b.error(diagnostic('E412', { desc }, { ...site(word), path: 'id' }));
    return;
  }
  b.take(objectId);
  b.objects[objectId] = { id: objectId, qomType: qomType as string, props };
}

const ID_HINT = "Identifiers consist of letters, digits, '-', '.', '_', starting with a letter.";

/** The controllers frontends imply (`virtio-scsi-pci` for scsi-hd): export adds them. */
const CONTROLLERS: ReadonlySet<string> = new Set(
  Object.values(FRONTENDS).flatMap((spec) => ('controller' in spec ? [spec.controller] : [])),
);

/** A `-device`: a frontend when its kind is one (with `drive=`), else a note. */
function importDevice(b: ImportBuilder, word: Word): void {
  let written: JsonObject;
  if (word.text.startsWith('{')) {
    const value = jsonObject(b, word, '-device');
    if (value === undefined) return;
    written = value;
  } else {
    const parsed = parseQemuOpts(word.text, 'driver');
    if (!parsed.ok) {
      b.error(diagnostic('E412', { desc: parsed.message }, { ...site(word), path: 'id' }));
      return;
    }
    written = {};
    for (const { key, value } of parsed.value.opts) put(written, key, value);
    if (parsed.value.id !== undefined) put(written, 'id', parsed.value.id);
  }
  const { driver: kind, drive, id, ...props } = written;
  if (typeof kind !== 'string') {
    b.error(diagnostic('E412', { desc: "Parameter 'driver' is missing" }, { ...site(word), path: 'driver' }));
    return;
  }
  const driveName = typeof drive === 'string' ? drive : undefined;
  if (frontendSpec(kind)?.via !== 'device') {
    const why = CONTROLLERS.has(kind)
      ? 'the controller that frontends on its bus imply (export adds it)'
      : `not a frontend kind of blockgraph, ignored${driveName === undefined ? '' : ` (drive '${driveName}' is imported without it)`}`;
    b.notes.push(`-device ${kind}: ${why}`);
    return;
  }
  const frontendId = typeof id === 'string' && isWellFormedId(id) ? b.freeName(id) : b.freshId(kind);
  b.addFrontend({ id: frontendId, kind, root: null, props }, driveName, site(word), `-device ${kind}`);
}
