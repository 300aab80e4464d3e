import {
  catalogue,
  checkValue,
  isChildLink,
  isJsonObject,
  resolveDocument,
  resolveOptions,
  type BlockGraph,
  type BlockNode,
  type ChildLink,
  type EffectiveOptions,
  type InheritedOption,
  type JsonObject,
  type JsonValue,
  type OptionSpec,
  type OptionType,
} from '../model/index.ts';
import { cowMember, type NodeMember } from './queryGraph.ts';
import type { NamedNodeReply } from './queryReplies.ts';

/**
 * The options of an imported node: only what the replies prove and blockdev-add can express.
 * Set by the node itself: `filename` of a file-posix node from its `file`, the strong options a
 * `json:` filename lists, `backing: null` when the image header names a backing QEMU did not open.
 * Inherited ones (read-only, cache, detect-zeroes, discard with detect-zeroes=unmap): only where
 * the document would otherwise give a different effective value (pinInherited); force-share where
 * the edge permissions prove it (pinForceShare).
 */

/** The JSON a `json:` filename holds (block.c: bdrv_refresh_filename writes `json:` + the node's strong options). */
const JSON_PREFIX = 'json:';

/** What the option readers noticed, for the import's notes. */
export interface OptionFindings {
  /** Members of json: filenames that are not options of the node's driver, or have a value of the wrong type. */
  dropped: NodeMember[];
  /** Nodes whose json: filename is not a JSON object. */
  unreadable: string[];
}

/**
 * The options a node sets itself, as far as its reply shows them. `linked` tells whether the node
 * has a child in a role (a header's backing that QEMU opened is a link, not `null`).
 *
 * @example ownOptions(fileNodeReply, () => false, findings) // { filename: 'disk.qcow2' }
 */
export function ownOptions(info: NamedNodeReply, linked: (role: string) => boolean, found: OptionFindings): JsonObject {
  const options: JsonObject = {};
  const schema = catalogue.drivers[info.drv];
  if (schema === undefined) return options;
  if (info.file.startsWith(JSON_PREFIX)) Object.assign(options, jsonOptions(info, schema.options, found));
  else if (hasFilenameOption(schema.ownOptions)) options.filename = info.file;
  const cow = cowMember(info.drv);
  const nullable = schema.children.find((c) => c.name === cow)?.nullable === true;
  // backing_file is absent exactly when the node has no COW child (block/qapi.c: bdrv_block_device_info).
  if (cow !== undefined && nullable && info.headerBacking !== undefined && info.backingFile === undefined) {
    if (!linked(cow)) options[cow] = null;
  }
  return options;
}

/**
 * file-posix (`file`, `host_device`, `host_cdrom`: the drivers whose schema has a string
 * `filename`) keeps the name it was given as `bs->filename` (block.c: bdrv_open_common), which
 * query-named-block-nodes reports as `file`.
 */
function hasFilenameOption(options: readonly OptionSpec[]): boolean {
  return options.some((option) => option.name === 'filename' && option.type.kind === 'str');
}

/** The node's own members of its json: filename: options of its driver, children only as `null`. */
function jsonOptions(info: NamedNodeReply, specs: readonly OptionSpec[], found: OptionFindings): JsonObject {
  const parsed = parseJson(info.file.slice(JSON_PREFIX.length));
  if (!isJsonObject(parsed)) {
    found.unreadable.push(`'${info.name}'`);
    return {};
  }
  const options: JsonObject = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (key === 'driver' || key === 'node-name') continue;
    const spec = specs.find((option) => option.name === key);
    if (spec !== undefined && isChildLink(spec.type)) {
      // A child is a link of its own; a null one (`"backing": null`) is the option itself.
      if (value === null && spec.type.kind === 'child' && spec.type.nullable) options[key] = null;
      continue;
    }
    const typed = spec === undefined ? undefined : typedValue(spec.type, value, info);
    if (typed === undefined) found.dropped.push({ node: info.name, member: key });
    else options[key] = typed;
  }
  return options;
}

function parseJson(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

/**
 * The value as blockdev-add takes it. A node opened by `-drive` keeps its options as the strings
 * QemuOpts gave (`"size": "1048576"`, `"read-zeroes": "on"`, pinned in the differential test),
 * which QEMU's keyval input visitor reads by type (qapi/qobject-input-visitor.c:
 * qobject_input_type_int64_keyval, qobject_input_type_bool_keyval with qapi_bool_parse).
 */
function typedValue(type: OptionType, value: JsonValue, info: NamedNodeReply): JsonValue | undefined {
  const site = { driver: info.drv, path: '' };
  if (checkValue(type, value, site).length === 0) return value;
  if (typeof value !== 'string') return undefined;
  const converted = keyvalScalar(type, value);
  return converted !== undefined && checkValue(type, converted, site).length === 0 ? converted : undefined;
}

const TRUE_WORDS: ReadonlySet<string> = new Set(['on', 'yes', 'true', 'y']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['off', 'no', 'false', 'n']);

function keyvalScalar(type: OptionType, text: string): JsonValue | undefined {
  if (type.kind === 'bool') return TRUE_WORDS.has(text) ? true : FALSE_WORDS.has(text) ? false : undefined;
  if (type.kind === 'int' && /^-?[0-9]+$/.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  if (type.kind === 'number' && /^-?[0-9]+(\.[0-9]+)?$/.test(text)) return Number(text);
  if (type.kind === 'alternate') {
    for (const choice of type.choices) {
      const converted = keyvalScalar(choice, text);
      if (converted !== undefined) return converted;
    }
  }
  return undefined;
}

/** Effective values a node must end up with, by option (`cache.direct`…). */
type Wanted = Partial<Record<InheritedOption, boolean | string>>;

/**
 * What QEMU reports for a node: read-only, cache.direct, cache.no-flush and detect-zeroes, and
 * `discard: unmap` with `detect-zeroes: unmap`, without which QEMU refuses it (block.c:
 * bdrv_open_common, "setting detect-zeroes to unmap is not allowed without setting discard
 * operation to unmap"; pinned in the differential test).
 */
function observed(info: NamedNodeReply): Wanted {
  return {
    'read-only': info.ro,
    'cache.direct': info.cache.direct,
    'cache.no-flush': info.cache['no-flush'],
    'detect-zeroes': info.detectZeroes,
    ...(info.detectZeroes === 'unmap' ? { discard: 'unmap' } : {}),
  };
}

/**
 * Sets read-only, cache.direct, cache.no-flush and detect-zeroes on the nodes where what the
 * document would give (inherited from an inline parent, forced by the role, or QEMU's default:
 * resolveOptions) differs from what QEMU reports.
 */
export function pinInherited(graph: BlockGraph, info: ReadonlyMap<string, NamedNodeReply>): BlockGraph {
  return pinEffective(graph, (id) => {
    const reply = info.get(id);
    return reply === undefined ? undefined : observed(reply);
  });
}

/** Every permission of QEMU 7.2 (qapi/block-core.json: BlockPermission), sorted. */
const ALL_PERMS = 'consistent-read,resize,write,write-unchanged';

/**
 * Sets `force-share` on the read-only nodes the permissions prove have it: a parent shares every
 * permission on its edge to a node with force-share (block.c: bdrv_child_perm), so an edge that
 * QEMU shows sharing all of them where the document shares less leads to a node with
 * force-share. A node with no parent does not show it. `shared` gives QEMU's shared-perm of the
 * edge behind a link.
 */
export function pinForceShare(
  graph: BlockGraph,
  info: ReadonlyMap<string, NamedNodeReply>,
  shared: (link: ChildLink) => readonly string[] | undefined,
): BlockGraph {
  const resolved = resolveDocument(graph);
  const proven = new Set<string>();
  graph.links.forEach((link, i) => {
    const qemu = shared(link);
    const predicted = resolved.edges[i]?.['shared-perm'];
    if (qemu === undefined || predicted === undefined || info.get(link.child)?.ro !== true) return;
    if ([...qemu].sort().join(',') === ALL_PERMS && [...predicted].sort().join(',') !== ALL_PERMS)
      proven.add(link.child);
  });
  return proven.size === 0
    ? graph
    : pinEffective(graph, (id) => (proven.has(id) ? { 'force-share': true } : undefined));
}

/**
 * Sets the wanted effective values where the document gives others, parents before children
 * since a parent's values flow into its inline children; re-resolves only after a level changed.
 */
function pinEffective(graph: BlockGraph, want: (id: string) => Wanted | undefined): BlockGraph {
  let current = graph;
  let effective = resolveOptions(current);
  for (const level of inlineLevels(graph)) {
    const pinned = new Map<string, BlockNode>();
    for (const id of level) {
      const node = current.nodes[id];
      const wanted = want(id);
      const have = effective.get(id);
      if (node === undefined || wanted === undefined || have === undefined) continue;
      const options = pins(node.options, wanted, have);
      if (options !== node.options) pinned.set(id, { ...node, options });
    }
    if (pinned.size === 0) continue;
    current = { ...current, nodes: { ...current.nodes, ...Object.fromEntries(pinned) } };
    effective = resolveOptions(current);
  }
  return current;
}

/** The node's options with the wanted values the effective ones miss; the same object if none. */
function pins(options: JsonObject, want: Wanted, have: EffectiveOptions): JsonObject {
  let out = options;
  for (const [option, value] of Object.entries(want) as [InheritedOption, boolean | string][]) {
    if (have[option].value === value) continue;
    out = out === options ? { ...options } : out;
    const [head = option, leaf] = option.split('.');
    if (leaf === undefined) out[head] = value;
    else out[head] = { ...(isJsonObject(out[head]) ? out[head] : {}), [leaf]: value };
  }
  return out;
}

/** Node ids by depth in the inline forest: top-level nodes first, then their inline children… */
function inlineLevels(graph: BlockGraph): string[][] {
  const inlineChildren = new Map<string, string[]>();
  const hasInlineParent = new Set<string>();
  for (const link of graph.links) {
    if (link.mode !== 'inline') continue;
    const list = inlineChildren.get(link.parent);
    if (list) list.push(link.child);
    else inlineChildren.set(link.parent, [link.child]);
    hasInlineParent.add(link.child);
  }
  const levels: string[][] = [];
  const seen = new Set<string>();
  let level = Object.keys(graph.nodes).filter((id) => !hasInlineParent.has(id));
  while (level.length > 0) {
    for (const id of level) seen.add(id);
    levels.push(level);
    level = level.flatMap((id) => inlineChildren.get(id) ?? []).filter((id) => !seen.has(id));
  }
  return levels;
}
