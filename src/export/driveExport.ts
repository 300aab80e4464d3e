import {
  childMemberOf,
  childrenFirst,
  diagnostic,
  isJsonObject,
  isWellFormedId,
  ok,
  type BlockGraph,
  type Diagnostic,
  type JsonObject,
  type Result,
} from '../model/index.ts';
import { deviceArgs, escapeOptionValue, toKeyval, type DriveOf } from './blockdevArgs.ts';
import { JSON_FILENAME_PREFIX } from './jsonFilename.ts';
import { blockdevOptions, toQmpScript } from './qmpScript.ts';

/** Options of `toDriveArgs`. */
export interface DriveArgsOptions {
  /** Receives one sentence for everything the arguments leave out or write otherwise than asked. */
  notes?: string[];
}

/** What the diagnostics call this form (E401: "cannot be written as -drive"). */
const FORM = '-drive';

/**
 * Top-level `-drive` keys that blockdev.c keeps for the drive layer (drive_new's legacy options
 * and renames, blockdev_init's qemu_common_drive_opts) instead of passing them to the node:
 * a node option of the same name at the top level would never reach the node. `read-only`,
 * `detect-zeroes`, `aio` and `file` are absent: the drive layer gives the first three to the top
 * node with the meaning blockdev-add gives them, and `file` is written apart (see rootFile).
 */
const DRIVE_LAYER_KEYS: ReadonlySet<string> = new Set([
  ...['id', 'if', 'bus', 'unit', 'index', 'media', 'readonly', 'rerror', 'werror', 'copy-on-read'],
  ...['snapshot', 'format', 'cache', 'stats-account-invalid', 'stats-account-failed', 'stats-intervals'],
  ...['throttling', 'group', 'iops_size'],
  ...['iops', 'iops_rd', 'iops_wr', 'bps', 'bps_rd', 'bps_wr'].flatMap((key) => [key, `${key}_max`]),
]);

/**
 * block.c: bdrv_parse_cache_mode, the modes whose write cache is on (cache.writeback=on, what a
 * BlockBackend of blockdev-add has); `writethrough` and `directsync` turn it off and are never
 * written. Keyed by `direct,no-flush`.
 */
const CACHE_MODES: ReadonlyMap<string, string> = new Map([
  ['false,false', 'writeback'],
  ['true,false', 'none'],
  ['false,true', 'unsafe'],
]);

/**
 * The document as legacy `-drive` command-line words: `-object` per QOM object (JSON, as
 * toBlockdevArgs writes them), then one `-drive if=none,id=<BlockBackend>,…` per top-level node
 * (one no parent defines inline), children before the parents that reference them, then
 * `-device` per guest-device frontend.
 *
 * Each `-drive` holds the node's blockdev-add options and its inline subtree as dotted keys
 * (`file.driver=file,file.filename=…`, `children.0.…`), each `,` in a value doubled (QemuOpts),
 * and references as node-names (`backing=base`), which blockdev.c resolves against the nodes of
 * earlier `-drive`s. What -drive does otherwise than blockdev-add is undone: `auto-read-only=off`
 * is written unless the node sets it (blockdev_init defaults it to on), the top node's
 * `cache.direct`/`cache.no-flush` become `cache=writeback|none|unsafe` when one mode says exactly
 * that, a top-level `file` reference is `file=json:{"file":"<node-name>"}` (drive_new takes a
 * plain `file=` as a filename), `backing: null` is `backing=` (QEMU 7.2 warns it is deprecated).
 *
 * A device on a top-level node names that node's BlockBackend (`drive=<id>`); a second device on
 * it, or one on a node below, names the node-name, from which QEMU makes a BlockBackend of its own.
 * Every -drive makes a BlockBackend: the BlockBackend ids (`driveBackendIds`) are chosen apart
 * from every node-name of the document, since QEMU keeps both in one namespace.
 *
 * Refused, with E401 naming the node and the key: a top-level option that the drive layer takes
 * for itself (`group`, `snapshot`…), a value QemuOpts has no spelling for (`null` other than a
 * nullable child, an empty list or object, which blockdev-add refuses too, a key that is not a
 * QAPI name), a device on an unnamed node that has no BlockBackend of its own. A top node with
 * `detect-zeroes: unmap` but not `discard: unmap` gets a note: -drive takes it, blockdev-add not.
 *
 * @example toDriveArgs(rawOverNullCo()) // ok(['-drive', 'if=none,id=drive-raw0,driver=raw,node-name=raw0,file.driver=null-co,file.size=1048576,file.read-zeroes=on,auto-read-only=off'])
 */
export function toDriveArgs(graph: BlockGraph, options: DriveArgsOptions = {}): Result<string[]> {
  const notes = options.notes ?? [];
  // The QMP script's checks (cycles, references to unnamed nodes) and its object-add arguments.
  const script = toQmpScript(graph);
  if (!script.ok) return script;
  const objects = script.value.flatMap((command) =>
    command.execute === 'object-add' ? ['-object', JSON.stringify(command.arguments ?? {})] : [],
  );
  const backends = driveBackendIds(graph);
  const problems: Diagnostic[] = [];
  const drives: string[] = [];
  for (const [id, backend] of backends) {
    const text = driveOptions(graph, id, backend, notes);
    if (typeof text === 'string') drives.push('-drive', text);
    else problems.push(text);
  }
  const claimed = new Set<string>();
  const devices = deviceArgs(graph, notes, driveTarget(graph, backends, claimed));
  if (!devices.ok) problems.push(...devices.diagnostics);
  if (problems.length > 0) return { ok: false, diagnostics: problems };
  notes.push(...backendNotes(backends, claimed));
  return ok([...objects, ...drives, ...(devices.ok ? devices.value : [])]);
}

/**
 * The BlockBackend id of every top-level node's `-drive`, in the order the `-drive`s are written:
 * toQmpScript's order of blockdev-add, which puts each node after the nodes its subtree references
 * (a node defined inline in one parent exists only once that parent is added). An id is
 * `drive-<node-name>` (`drive-<document id>` for an unnamed node), with `-2`, `-3`… added when
 * that is some node's node-name or an earlier id: BlockBackend names and node-names share one
 * namespace (block/block-backend.c: monitor_add_blk refuses a name that is a node-name, block.c:
 * bdrv_assign_node_name one that is a BlockBackend's), and QemuOpts wants a well-formed id
 * (`drive<N>` when the document id is not one).
 *
 * @example driveBackendIds(seedSimpleTree()) // Map { 'disk' => 'drive-disk' }
 */
export function driveBackendIds(graph: BlockGraph): Map<string, string> {
  const taken = new Set(Object.values(graph.nodes).flatMap((node) => (node.name === undefined ? [] : [node.name])));
  const ids = new Map<string, string>();
  for (const id of addOrder(graph)) {
    const wanted = `drive-${graph.nodes[id]?.name ?? id}`;
    const stem = isWellFormedId(wanted) ? wanted : `drive${String(ids.size)}`;
    let backend = stem;
    for (let n = 2; taken.has(backend); n++) backend = `${stem}-${String(n)}`;
    taken.add(backend);
    ids.set(id, backend);
  }
  return ids;
}

/**
 * The top-level nodes in the order of toQmpScript's blockdev-add commands, each matched by its
 * node-name, or (unnamed) by its arguments. Children first when there is no script (a cycle).
 */
function addOrder(graph: BlockGraph): string[] {
  const inline = new Set(graph.links.flatMap((link) => (link.mode === 'inline' ? [link.child] : [])));
  const topLevel = childrenFirst(graph).order.filter((id) => !inline.has(id));
  const script = toQmpScript(graph);
  if (!script.ok) return topLevel;
  const byName = new Map(
    topLevel.flatMap((id) => {
      const name = graph.nodes[id]?.name;
      return name === undefined ? [] : [[name, id] as const];
    }),
  );
  const unnamed = topLevel.filter((id) => graph.nodes[id]?.name === undefined);
  const texts = new Map(unnamed.map((id) => [id, JSON.stringify(blockdevOptions(graph, id))]));
  const order = new Set<string>();
  for (const { execute, arguments: args = {} } of script.value) {
    if (execute !== 'blockdev-add') continue;
    const name = args['node-name'];
    const text = JSON.stringify(args);
    const id =
      typeof name === 'string' ? byName.get(name) : unnamed.find((u) => !order.has(u) && texts.get(u) === text);
    if (id !== undefined) order.add(id);
  }
  return [...order];
}

/** One `-drive` value, or the E401 that says why the node has none. */
function driveOptions(graph: BlockGraph, id: string, backend: string, notes: string[]): string | Diagnostic {
  const refuse = (path: string, reason: string) =>
    diagnostic('E401', { node: id, form: FORM, reason }, { node: id, path });
  const own = graph.nodes[id]?.options ?? {};
  const mode = cacheMode(own);
  const options = nullChildrenAsEmpty(blockdevOptions(graph, id), id, notes);
  const { file, ...rest } = withoutCacheKeys(options, mode);
  const reserved = Object.keys(rest).find(
    (key) => DRIVE_LAYER_KEYS.has(key) && !(key === 'cache' && isJsonObject(rest[key])),
  );
  if (reserved !== undefined) {
    return refuse(reserved, `-drive keeps its top-level option '${reserved}' for itself, so the node would not get it`);
  }
  // blockdev.c: blockdev_init sets the top node's detect_zeroes after blk_new_open, past the check
  // of block.c: bdrv_open_common ("setting detect-zeroes to unmap is not allowed without …").
  if (own['detect-zeroes'] === 'unmap' && own.discard !== 'unmap' && own.discard !== 'on') {
    notes.push(`'${id}' sets detect-zeroes=unmap without discard=unmap: blockdev-add refuses that, -drive takes it`);
  }
  const extra: JsonObject = Object.hasOwn(own, 'auto-read-only') ? {} : { 'auto-read-only': false };
  const body = toKeyval({ ...rest, ...(file === undefined || typeof file === 'string' ? {} : { file }), ...extra });
  if (!body.ok) return refuse(/'([^']*)'$/.exec(body.at)?.[1] ?? '', `QemuOpts has no spelling for ${body.at}`);
  return [
    'if=none',
    `id=${backend}`,
    body.value,
    ...(mode === undefined ? [] : [`cache=${mode}`]),
    ...(typeof file === 'string' ? [rootFile(file)] : []),
  ].join(',');
}

/** The top node's options without `cache.direct` and `cache.no-flush` when `mode` (cacheMode) says them. */
function withoutCacheKeys(options: JsonObject, mode: string | undefined): JsonObject {
  const { cache, ...rest } = options;
  if (mode === undefined || !isJsonObject(cache)) return options;
  const { direct: _direct, 'no-flush': _noFlush, ...others } = cache;
  return Object.keys(others).length > 0 ? { ...rest, cache: others } : rest;
}

/**
 * The `cache=` mode that sets exactly the node's `cache.direct` and `cache.no-flush` (an unset one
 * is off, as in blockdev-add), if one does and the node sets either. blockdev.c: drive_new puts
 * the mode's values into the top node's options only where `cache.*` leaves them open, and an
 * inline child copies its parent's (block.c: bdrv_inherited_options) unless it sets its own; that
 * is what the dotted keys do too.
 */
function cacheMode(options: JsonObject): string | undefined {
  const cache = options.cache;
  if (!isJsonObject(cache)) return undefined;
  const { direct, 'no-flush': noFlush } = cache;
  if (direct === undefined && noFlush === undefined) return undefined;
  if (
    !(direct === undefined || typeof direct === 'boolean') ||
    !(noFlush === undefined || typeof noFlush === 'boolean')
  )
    return undefined;
  return CACHE_MODES.get(`${String(direct ?? false)},${String(noFlush ?? false)}`);
}

/**
 * `null` where the driver table says a child may be null (qcow2's `backing`), anywhere in the
 * node's options and inline subtree, becomes `''`: the QemuOpts spelling `backing=`, which
 * block.c: bdrv_open_inherit takes as "no backing" (and warns is deprecated), with a note. Any
 * other `null` stays, for toKeyval to refuse.
 */
function nullChildrenAsEmpty(options: JsonObject, id: string, notes: string[], prefix = ''): JsonObject {
  const driver = options.driver;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(options)) {
    const path = `${prefix}${key}`;
    if (value === null && typeof driver === 'string' && childMemberOf(driver, key)?.nullable === true) {
      notes.push(
        `'${id}': ${path}: null is written ${path}= (empty), which QEMU 7.2 accepts with a deprecation warning`,
      );
      out[key] = '';
    } else if (Array.isArray(value)) {
      out[key] = value.map((item, i) =>
        isJsonObject(item) ? nullChildrenAsEmpty(item, id, notes, `${path}.${String(i)}.`) : item,
      );
    } else out[key] = isJsonObject(value) ? nullChildrenAsEmpty(value, id, notes, `${path}.`) : value;
  }
  return out;
}

/**
 * A top node's `file` child by reference: drive_new takes `file=` as the legacy filename, so the
 * reference goes inside a json: filename, whose options bdrv_fill_options merges into the node's
 * (options written outside win): `file=json:{"file":"disk0"}`.
 */
function rootFile(nodeName: string): string {
  return `file=${escapeOptionValue(`${JSON_FILENAME_PREFIX}${JSON.stringify({ file: nodeName })}`)}`;
}

/**
 * `drive=` of each device: the BlockBackend of its top-level root while no earlier device has
 * taken it (QEMU: "Drive '…' is already in use by another device"), else the root's node-name.
 * `claimed` collects the BlockBackends given to devices.
 */
function driveTarget(graph: BlockGraph, backends: ReadonlyMap<string, string>, claimed: Set<string>): DriveOf {
  return (frontend, root) => {
    const backend = backends.get(root);
    if (backend !== undefined && !claimed.has(backend)) {
      claimed.add(backend);
      return backend;
    }
    const name = graph.nodes[root]?.name;
    if (name !== undefined) return name;
    const reason =
      backend === undefined
        ? `device '${frontend.id}' is on it, and only a node-name can name a node that is not at the top of a -drive`
        : `device '${frontend.id}' is on it, its BlockBackend '${backend}' already serves another device, and it has no node-name to give this one a BlockBackend of its own`;
    return diagnostic('E401', { node: root, form: FORM, reason }, { node: frontend.id, path: 'root' });
  };
}

/**
 * One note naming the BlockBackends no device takes: a -drive makes one all the same (blockdev.c:
 * blockdev_init, blk_new_open), and QEMU 7.2 gives it consistent-read on its node, sharing
 * everything (driveExport.differential.test.ts compares the permissions with -blockdev's).
 */
function backendNotes(backends: ReadonlyMap<string, string>, claimed: ReadonlySet<string>): string[] {
  const idle = [...backends].filter(([, backend]) => !claimed.has(backend));
  if (idle.length === 0) return [];
  const list = idle.map(([id, backend]) => `'${backend}' ('${id}')`).join(', ');
  const [one, it] = idle.length === 1 ? ['BlockBackend', 'it takes'] : ['BlockBackends', 'each takes'];
  return [
    `${one} ${list} ${idle.length === 1 ? 'has' : 'have'} no device (every -drive makes one): ${it} consistent-read on its node and shares everything, so QEMU shows a 'root' edge there, and filters below (raw, throttle, blkdebug…) take consistent-read from their children`,
  ];
}
