import {
  QEMU_TEXT,
  catalogue,
  diagnostic,
  driverSpec,
  findProtocol,
  flatten,
  isJsonObject,
  openTraits,
  parseQemuJson,
  probeImage,
  type ChildMemberSpec,
  type JsonObject,
  type JsonValue,
  type RoleFlag,
} from '../model/index.ts';
import { openPrefix, type ImportBuilder, type TextSite } from './importGraph.ts';
import { convertMembers, crumpleEntries, put } from './importOptions.ts';

/**
 * How the options of a node were written, which decides how they are read:
 * `json` (a `-blockdev {…}`: typed, every node has a driver), `keyval` (a dotted `-blockdev`:
 * strings, converted by type; every node has a driver), `legacy` (`-drive`, json: filenames,
 * image headers: strings, and a node without a driver gets one as bdrv_open_inherit chooses it).
 */
export type ReadMode = 'json' | 'keyval' | 'legacy';

/** One node as written, with its inline children inside `tree`. */
export interface WrittenNode {
  tree: JsonObject;
  /** A legacy filename (`-drive file=`, a header's backing file name); `json:{…}` allowed. */
  filename?: string | undefined;
  /** BDRV_O_PROTOCOL as inherited: without a driver, a protocol driver is chosen for the filename. */
  protocol: boolean;
  mode: ReadMode;
  site: TextSite;
  /** Key path of this node in what was written: '' for the top, `file.` for its file child… */
  path: string;
  /** What wrote it, for notes: `-drive 'd0'`, `-blockdev`, `json: filename`. */
  label: string;
}

/** block.c: path_has_protocol — a `:` before any `/`. */
function hasProtocol(path: string): boolean {
  const cut = path.search(/[:/]/);
  return cut >= 0 && path[cut] === ':';
}

/**
 * block.c: bdrv_inherited_options, the BDRV_O_PROTOCOL part, for a child written without a
 * driver: pure data children of non-format parents are probed; the image (`file`) and metadata
 * children, and non-COW children of formats, are protocol nodes; others keep the parent's flag.
 */
function childIsProtocol(parentDriver: string, role: string, parentProtocol: boolean): boolean {
  if (role === 'file') return true;
  const spec = driverSpec(parentDriver);
  const flags: readonly RoleFlag[] = spec?.children[role]?.flags ?? [];
  const isFormat = spec?.category === 'format';
  if (!isFormat && flags.includes('data') && !flags.includes('metadata') && !flags.includes('filtered')) return false;
  if ((isFormat && !flags.includes('cow')) || flags.includes('metadata')) return true;
  return parentProtocol;
}

/**
 * Turns what was written for one node (and, recursively, its inline children) into document
 * nodes and links: child members that are objects become inline children, strings references,
 * lists `children.N`; other keys become the node's options, converted by type, unknown ones kept
 * verbatim. Returns the node's document id, or undefined after reporting why there is none.
 */
export function buildNode(b: ImportBuilder, w: WrittenNode): string | undefined {
  const merged = w.filename?.startsWith('json:') === true ? mergeJsonFilename(b, w, w.filename) : w;
  if (merged === undefined) return undefined;
  const { tree } = merged;
  const written = tree.driver;
  const phase = w.mode === 'legacy' ? 'open' : 'visit';
  if (written !== undefined && typeof written !== 'string') {
    refuse(b, w, 'driver', QEMU_TEXT.invalidType(`${w.path}driver`, 'string'), phase);
    return;
  }
  if (written === undefined && w.mode !== 'legacy') {
    refuse(b, w, 'driver', QEMU_TEXT.missing(`${w.path}driver`), phase);
    return;
  }
  let driver = written;
  let filename = merged.filename;
  let fileChild: string | undefined;
  if (driver === undefined) {
    const chosen = merged.protocol ? protocolDriver(b, merged) : probedFormat(b, merged);
    if (chosen === undefined) return undefined;
    ({ driver, fileChild } = chosen);
    if (fileChild !== undefined) filename = undefined;
  }
  if (catalogue.drivers[driver] === undefined) {
    // blockdev: QAPI's BlockdevDriver enum; -drive and json: block.c: bdrv_fill_options.
    const desc = w.mode === 'legacy' ? `Unknown driver '${driver}'` : QEMU_TEXT.badEnum('driver', driver);
    refuse(b, w, 'driver', desc, phase);
    return;
  }
  const options: JsonObject = {};
  if (driverSpec(driver)?.category === 'protocol') {
    if (filename !== undefined && !legacyFilename(b, merged, driver, filename, options)) return undefined;
  } else if (filename !== undefined) {
    fileChild = buildFileChild(b, merged, filename);
    if (fileChild === undefined) return undefined;
  }
  return buildKnown(b, merged, driver, options, fileChild);
}

/**
 * Reports QEMU's refusal at `key` of the node. `visit`: the QAPI visitor's (a -blockdev's
 * driver), which comes before anything opens; `open`: the block layer's, under the backing-file
 * prefix of the node's key path.
 */
function refuse(b: ImportBuilder, w: WrittenNode, key: string, desc: string, phase: 'visit' | 'open' = 'open'): void {
  const text = phase === 'open' ? `${openPrefix(w.path)}${desc}` : desc;
  b.error(diagnostic('E412', { desc: text }, { ...w.site, path: `${w.path}${key}` }));
}

/** block.c: parse_json_protocol — the JSON's options join under those written beside it (which win). */
function mergeJsonFilename(b: ImportBuilder, w: WrittenNode, filename: string): WrittenNode | undefined {
  const parsed = parseQemuJson(filename.slice('json:'.length));
  if (!parsed.ok) {
    refuse(b, w, 'file', `Could not parse the JSON options: ${parsed.message}`);
    return;
  }
  if (!isJsonObject(parsed.value)) {
    refuse(b, w, 'file', 'Invalid JSON object given');
    return;
  }
  const flat = new Map<string, JsonValue>([...flatten(w.tree, 'explicit')].map(([k, e]) => [k, e.value]));
  for (const [key, entry] of flatten(parsed.value, 'json')) if (!flat.has(key)) flat.set(key, entry.value);
  return { ...w, tree: crumpleEntries(flat), filename: undefined };
}

/** Where a node's file name was written: its parent's `file=` (a legacy filename), else its own `filename`. */
function filenameKey(w: WrittenNode): string {
  if (w.filename === undefined) return 'filename';
  return w.path === '' ? 'file' : w.path.slice(0, -1);
}

/** A problem with a node's file name, at the key that wrote it. */
function refuseFilename(b: ImportBuilder, w: WrittenNode, desc: string): void {
  const key = filenameKey(w);
  const text = `${openPrefix(w.path)}${desc}`;
  b.error(diagnostic('E412', { desc: text }, { ...w.site, path: key === 'filename' ? `${w.path}filename` : key }));
}

/** block.c: bdrv_fill_options — a protocol node without a driver: the filename's prefix, else `file`. */
function protocolDriver(b: ImportBuilder, w: WrittenNode): { driver: string; fileChild: undefined } | undefined {
  const name = w.filename ?? (typeof w.tree.filename === 'string' ? w.tree.filename : undefined);
  if (name === undefined) {
    refuse(b, w, 'driver', 'Must specify either driver or file');
    return;
  }
  const found = findProtocol(name, w.filename !== undefined);
  if ('error' in found) {
    refuseFilename(b, w, found.error);
    return;
  }
  return { driver: found.driver, fileChild: undefined };
}

/**
 * block.c: find_image_format — a format node without a driver: its `file` child is opened first
 * and its image probed, here through the ImportBuilder's images. Without them (or without the
 * file) the node becomes raw, with a note.
 */
function probedFormat(b: ImportBuilder, w: WrittenNode): { driver: string; fileChild: string | undefined } | undefined {
  const file = w.tree.file;
  if (typeof file === 'string') {
    b.notes.push(`${where(w)}no driver: QEMU probes the image of '${file}', which is referenced; imported as raw`);
    return { driver: 'raw', fileChild: undefined };
  }
  if (w.filename === undefined && !isJsonObject(file)) {
    refuse(b, w, 'driver', 'Must specify either driver or file');
    return;
  }
  const fileChild = buildFileChild(b, w, w.filename);
  if (fileChild === undefined) return undefined;
  const image = imageOf(b, fileChild);
  const fmt = image.bytes === undefined ? 'raw' : probeImage(image.bytes, image.name).format;
  const named = image.name === '' ? 'the image' : `'${image.name}'`;
  b.notes.push(
    image.bytes === undefined
      ? `${where(w)}no format: QEMU probes ${named}, which blockgraph cannot read here; imported as raw (write format= to be sure)`
      : `${where(w)}no format: QEMU probes ${named} and finds ${fmt}; the document says driver ${fmt}` +
          (fmt === 'raw' ? ' (QEMU also restricts writes to block 0 of a probed raw image)' : ''),
  );
  return { driver: fmt, fileChild };
}

/** The start of a note about a node: what wrote it and the node's key path (`-drive 'd0': backing: `). */
function where(w: WrittenNode): string {
  return w.path === '' ? `${w.label}: ` : `${w.label}: ${w.path.slice(0, -1)}: `;
}

/** The image bytes a protocol node reads (undefined when they cannot be read here) and its file name. */
function imageOf(b: ImportBuilder, id: string): { bytes: Uint8Array | undefined; name: string } {
  const node = b.nodes[id];
  const filename = node?.options.filename;
  const name = typeof filename === 'string' ? filename : '';
  if (node === undefined || openTraits(node.driver).hostFile !== true) return { bytes: new Uint8Array(), name };
  return { bytes: b.images?.read(name), name };
}

/** The `file` child of a format node given a legacy filename (block.c: bdrv_open_inherit, "Open image file without format layer"). */
function buildFileChild(b: ImportBuilder, w: WrittenNode, filename: string | undefined): string | undefined {
  const sub = w.tree.file;
  if (typeof sub === 'string') {
    refuse(b, w, 'file', 'Cannot reference an existing block device with additional options or a new filename');
    return;
  }
  return buildNode(b, {
    tree: isJsonObject(sub) ? sub : {},
    filename,
    protocol: true,
    mode: w.mode,
    site: w.site,
    path: `${w.path}file.`,
    label: w.label,
  });
}

/** BlockDriver.bdrv_parse_filename of a legacy filename on a protocol node; false after an error. */
function legacyFilename(
  b: ImportBuilder,
  w: WrittenNode,
  driver: string,
  filename: string,
  options: JsonObject,
): boolean {
  if (Object.hasOwn(w.tree, 'filename')) {
    refuse(b, w, 'filename', "Can't specify 'file' and 'filename' options at the same time");
    return false;
  }
  const traits = openTraits(driver);
  const parsed = traits.legacyFilename?.(filename) ?? { filename };
  if ('error' in parsed) {
    refuseFilename(b, w, parsed.error);
    return false;
  }
  if (traits.unsupportedFilename === true) {
    b.notes.push(
      `${where(w)}QEMU parses the ${driver} filename '${filename}' into options; blockgraph keeps it as 'filename'`,
    );
  }
  if (parsed.filename !== undefined) put(options, 'filename', parsed.filename);
  return true;
}

/** The node of a driver the schema knows: children by its child members, the rest as options. */
function buildKnown(
  b: ImportBuilder,
  w: WrittenNode,
  driver: string,
  options: JsonObject,
  fileChild: string | undefined,
): string | undefined {
  const members = new Map((catalogue.drivers[driver]?.children ?? []).map((c) => [c.name, c]));
  const protocol = driverSpec(driver)?.category === 'protocol';
  const inline: [string, string][] = fileChild === undefined ? [] : [['file', fileChild]];
  const refs: [string, string, string][] = [];
  const rest: JsonObject = {};
  const { tree } = w;
  const backing = headerBacking(b, w, driver, fileChild);
  if (backing === undefined) return undefined;
  if (typeof backing === 'object') inline.push(['backing', backing.id]);
  for (const [key, value] of Object.entries(tree)) {
    if (key === 'driver' || (key === 'node-name' && typeof value === 'string')) continue;
    if ((key === 'file' && fileChild !== undefined) || (key === 'backing' && backing !== 'written')) continue;
    const member = members.get(key);
    if (member === undefined) put(rest, key, value);
    else if (!addChild(b, { w, driver, protocol, member, value, inline, refs, rest })) return undefined;
  }
  const schemaOptions = catalogue.drivers[driver]?.options ?? [];
  const converted = w.mode === 'json' ? rest : convertMembers(schemaOptions, rest);
  for (const [key, value] of Object.entries(converted)) put(options, key, value);
  const name = tree['node-name'];
  if (typeof name === 'string' && !b.checkName(name, w.site, `${w.path}node-name`)) return undefined;
  const id = b.addNode(driver, typeof name === 'string' ? name : undefined, options);
  for (const [role, child] of inline) b.link(id, role, child);
  for (const [role, ref, path] of refs) b.reference(id, role, ref, w.site, path);
  return id;
}

interface ChildContext {
  w: WrittenNode;
  driver: string;
  protocol: boolean;
  member: ChildMemberSpec;
  value: JsonValue;
  inline: [string, string][];
  refs: [string, string, string][];
  rest: JsonObject;
}

/** One child member's value: a definition, a reference, a list of them, null; anything else kept verbatim. */
function addChild(b: ImportBuilder, c: ChildContext): boolean {
  const { w, member, value } = c;
  const one = (role: string, item: JsonValue): boolean => {
    const path = `${w.path}${role}`;
    if (typeof item === 'string') {
      c.refs.push([role, item, path]);
      return true;
    }
    const child = buildNode(b, {
      tree: item as JsonObject,
      protocol: childIsProtocol(c.driver, member.name, c.protocol),
      mode: w.mode,
      site: w.site,
      path: `${path}.`,
      label: w.label,
    });
    if (child === undefined) return false;
    c.inline.push([role, child]);
    return true;
  };
  if (w.mode === 'legacy' && member.name === 'backing' && value === '') {
    // block.c: bdrv_open_inherit — `backing=` (empty) is the deprecated spelling of "no backing file".
    b.notes.push(`${where(w)}backing= (empty) is deprecated: the document says "backing": null`);
    put(c.rest, member.name, null);
    return true;
  }
  if (typeof value === 'string' || isJsonObject(value)) return member.list ? keep(c) : one(member.name, value);
  if (member.list && Array.isArray(value) && value.every((v) => typeof v === 'string' || isJsonObject(v))) {
    return value.every((item, i) => one(`${member.name}.${String(i)}`, item));
  }
  return keep(c);
}

/** A child member written in a shape that is no child (null, a number…): kept as an option, for validation. */
function keep(c: ChildContext): boolean {
  put(c.rest, c.member.name, c.value);
  return true;
}

/**
 * block.c: bdrv_open_backing_file — `backing.*` options written for the backing file an image's
 * header names (no `backing.file.filename` of their own) apply to that file: the document spells
 * it out (its driver from the header's backing format, its file from the header's name, relative
 * to the image's directory), since blockdev-add cannot give options to a header's backing file.
 * Returns `written` when the backing is written out in full (or not at all), the built child's id,
 * `dropped` when the header cannot be read here, or undefined after an error.
 */
function headerBacking(
  b: ImportBuilder,
  w: WrittenNode,
  driver: string,
  fileChild: string | undefined,
): 'written' | 'dropped' | { id: string } | undefined {
  const backing = w.tree.backing;
  if (w.mode !== 'legacy' || !isJsonObject(backing) || driverSpec(driver)?.supportsBacking !== true) return 'written';
  const file = backing.file;
  if (typeof file === 'string' || (isJsonObject(file) && file.filename !== undefined)) return 'written';
  const image = fileChild === undefined ? undefined : imageOf(b, fileChild);
  const header = image?.bytes === undefined ? undefined : probeImage(image.bytes, image.name);
  if (image === undefined || header?.backingFile === undefined || header.backingFile === '') {
    b.notes.push(
      `${where(w)}backing.* options are for the backing file named in the image header, which blockgraph cannot read here: left out`,
    );
    return 'dropped';
  }
  const name = header.backingFile;
  const full = hasProtocol(name) || name.startsWith('/') ? name : backingDirectory(image.name) + name;
  const tree: JsonObject = {
    ...(header.backingFormat === undefined ? {} : { driver: header.backingFormat }),
    ...backing,
  };
  b.notes.push(
    `${where(w)}backing.* options: the document spells out the backing file '${full}' that the image header names`,
  );
  const path = `${w.path}backing.`;
  const id = buildNode(b, { tree, filename: full, protocol: false, mode: w.mode, site: w.site, path, label: w.label });
  return id === undefined ? undefined : { id };
}

/** block.c: bdrv_dirname of a file name — up to its last slash, or past a protocol prefix. */
function backingDirectory(filename: string): string {
  const slash = filename.lastIndexOf('/') + 1;
  const colon = hasProtocol(filename) ? filename.indexOf(':') + 1 : 0;
  return filename.slice(0, Math.max(slash, colon));
}
