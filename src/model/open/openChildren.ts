import type { ChildLink } from '../document.ts';
import { driverSpec } from '../drivers/index.ts';
import type { RoleFlag } from '../drivers/defineDriver.ts';
import type { ImageHeader } from '../images/probeImage.ts';
import { childMembers } from './driverOptions.ts';
import { fail, nodeOf, withPrefix, type OpenedNode, type OpenFn, type OpenState } from './openState.ts';
import { normalizePath } from './imageSource.ts';
import { pathHasProtocol } from './openTraits.ts';
import { OPEN_TEXT } from './openText.ts';
import { extractSub, getStr, type QDict } from './qdict.ts';

/** BDRV_CHILD_IMAGE: how bdrv_open_inherit opens the `file` child before the parent's driver runs. */
const IMAGE: readonly RoleFlag[] = ['data', 'metadata', 'primary'];

/**
 * block.c: bdrv_inherited_options, the BDRV_O_PROTOCOL part: should the child be format-probed?
 * Pure data children of non-format parents are probed; non-COW children of formats and metadata
 * children never are; anything else keeps the parent's flag.
 */
function childProtocol(flags: readonly RoleFlag[], parentIsFormat: boolean, parentProtocol: boolean): boolean {
  const has = (flag: RoleFlag) => flags.includes(flag);
  if (!parentIsFormat && has('data') && !has('metadata') && !has('filtered')) return false;
  if ((parentIsFormat && !has('cow')) || has('metadata')) return true;
  return parentProtocol;
}

const isProtocolNode = (node: OpenedNode): boolean => driverSpec(node.driver)?.category === 'protocol';

/** block.c: bdrv_open_child_bs — opens `role` from `role.*` options, a reference or a filename. */
function openChild(
  open: OpenFn,
  st: OpenState,
  parent: OpenedNode,
  role: string,
  filename: string | undefined,
  options: QDict,
  protocol: boolean,
): string | undefined {
  const sub = extractSub(options, `${role}.`);
  const reference = getStr(options, role);
  options.delete(role);
  if (filename === undefined && reference === undefined && sub.size === 0) return undefined;
  const id = open(st, {
    filename,
    reference,
    options: sub,
    autoName: `#${parent.id.replace(/^#/, '')}/${role}`,
    parent: reference === undefined ? { id: parent.id, role } : undefined,
    protocol,
    nativeAio: parent.nativeAio,
  });
  if (reference !== undefined) st.links.push({ parent: parent.id, role, child: id, mode: 'reference' });
  return id;
}

/**
 * block.c: bdrv_open_inherit, "Open image file without format layer": the `file` child is opened
 * before the parent's driver is known, as the image of a format (so always as a protocol node).
 */
export function openFileChild(
  open: OpenFn,
  st: OpenState,
  parent: OpenedNode,
  filename: string | undefined,
  options: QDict,
): string | undefined {
  return openChild(open, st, parent, 'file', filename, options, childProtocol(IMAGE, true, false));
}

const isPureData = (flags: readonly RoleFlag[]): boolean => flags.length === 1 && flags[0] === 'data';

/**
 * block/qcow2.c: qcow2_do_open — the external data file the header names is opened as the pure
 * data child, by its name as written: relative to QEMU's working directory, not to the image
 * (unlike a backing file; verified with an image in a subdirectory). Options for it on an image
 * without one are refused after the child is opened.
 */
function openDataFile(
  open: OpenFn,
  st: OpenState,
  node: OpenedNode,
  role: string,
  options: QDict,
  header: ImageHeader,
  protocol: boolean,
): boolean {
  const given = options.has(role) || [...options.keys()].some((k) => k.startsWith(`${role}.`));
  if (!given && header.dataFile === undefined) return false;
  openChild(open, st, node, role, given ? undefined : header.dataFile, options, protocol);
  if (header.format === node.driver && header.dataFile === undefined)
    fail(`'${role}' can only be set for images with an external data file`);
  return true;
}

/** The driver's own bdrv_open_child calls for its other children (quorum `children.N`, qcow2 `data-file`…). */
export function openOtherChildren(
  open: OpenFn,
  st: OpenState,
  node: OpenedNode,
  options: QDict,
  header: ImageHeader,
): void {
  const spec = driverSpec(node.driver);
  const isFormat = spec?.category === 'format';
  const present = (role: string) => options.has(role) || [...options.keys()].some((k) => k.startsWith(`${role}.`));
  for (const member of childMembers(node.driver)) {
    if (member.name === 'file' || member.name === 'backing') continue;
    const flags = spec?.children[member.name]?.flags ?? [];
    const protocol = childProtocol(flags, isFormat, isProtocolNode(node));
    if (member.list) {
      for (let i = 0; present(`${member.name}.${String(i)}`); i++) {
        openChild(open, st, node, `${member.name}.${String(i)}`, undefined, options, protocol);
      }
    } else if (isFormat && isPureData(flags)) {
      openDataFile(open, st, node, member.name, options, header, protocol);
    } else if (present(member.name)) {
      openChild(open, st, node, member.name, undefined, options, protocol);
    } else if (member.required) {
      fail(`A block device must be specified for "${member.name}"`);
    }
  }
}

/** block.c: bdrv_dirname — the directory of the file a node reads, with its trailing slash. */
function dirname(st: OpenState, id: string): string {
  const node = imageNode(st, id);
  if (node?.filename === undefined || node.filename === '')
    fail(`Cannot generate a base directory for ${node?.driver ?? ''} nodes`);
  // block.c: path_combine(exact_filename, "") — up to the last slash, or past the protocol prefix.
  const slash = node.filename.lastIndexOf('/') + 1;
  const colon = pathHasProtocol(node.filename) ? node.filename.indexOf(':') + 1 : 0;
  return node.filename.slice(0, Math.max(slash, colon));
}

/** The node at the end of `id`'s primary children (`id` itself when it has none): the one whose file it reads. */
function imageNode(st: OpenState, id: string): OpenedNode | undefined {
  const node = nodeOf(st, id);
  const isPrimary = (l: ChildLink) => driverSpec(node?.driver ?? '')?.children[l.role]?.flags.includes('primary');
  // The base's links come before the opened ones.
  const primary = st.base.primaryLink(id) ?? st.linksBelow.below(id).find(isPrimary);
  return primary === undefined ? node : imageNode(st, primary.child);
}

/** block.c: bdrv_make_absolute_filename — a relative backing name is relative to the overlay's directory. */
function fullBackingFilename(st: OpenState, node: OpenedNode, backing: string): string {
  if (pathHasProtocol(backing) || backing.startsWith('/')) return backing;
  return dirname(st, node.id) + backing;
}

/**
 * block.c: bdrv_open_backing_file — the `backing` child from `backing.*` options, a reference,
 * or the image header's backing file (whose recorded format becomes its driver).
 */
export function openBacking(open: OpenFn, st: OpenState, node: OpenedNode, options: QDict, header: ImageHeader): void {
  const reference = getStr(options, 'backing');
  const subKeys = [...options.keys()].filter((k) => k.startsWith('backing.'));
  let filename: string | undefined;
  if (reference === undefined && !options.has('backing.file.filename')) {
    if ((header.backingFile ?? '') === '' && subKeys.length === 0) return;
    filename = header.backingFile ? fullBackingFilename(st, node, header.backingFile) : undefined;
  }
  if (driverSpec(node.driver)?.supportsBacking !== true) fail("Driver doesn't support backing files");
  if (reference === undefined && header.backingFormat && !options.has('backing.driver')) {
    options.set('backing.driver', { value: header.backingFormat, origin: 'default' });
  }
  // A header chain that comes back to an image already being opened would never end.
  const image = imagePath(st, node.id);
  const next = filename === undefined ? undefined : normalizePath(filename);
  if (next !== undefined && (next === image || st.chain.includes(next))) fail(OPEN_TEXT.backingLoop(next));
  st.chain.push(image ?? '');
  try {
    withPrefix(st, OPEN_TEXT.backingOpen(''), () => {
      openChild(open, st, node, 'backing', filename, options, isProtocolNode(node));
    });
  } finally {
    st.chain.pop();
  }
}

/** The image file a format node reads, through its primary children (normalised), if it has one. */
function imagePath(st: OpenState, id: string): string | undefined {
  const filename = imageNode(st, id)?.filename;
  return filename === undefined ? undefined : normalizePath(filename);
}
