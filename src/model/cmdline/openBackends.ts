import type { JsonObject } from '../json.ts';
import type { DriveSpec } from './driveArgs.ts';
import { openNode } from '../open/openNode.ts';
import { OPEN_TEXT } from '../open/openText.ts';
import { boolValue, discardValue } from '../open/given.ts';
import { fail, isNodeName, type OpenedNode, type OpenState } from '../open/openState.ts';
import { flatten, getStr, setDefault, type QDict } from '../open/qdict.ts';

/**
 * blockdev.c: qmp_blockdev_add and bds_tree_init, as `-blockdev` runs them: the node-name is
 * mandatory, and cache.direct, cache.no-flush and read-only default to off in the top options.
 */
export function openBlockdev(st: OpenState, args: JsonObject): void {
  const options = flatten(args, 'explicit');
  if (getStr(options, 'node-name') === undefined) fail(OPEN_TEXT.rootNodeName());
  setDefault(options, 'cache.direct', 'off', 'default');
  setDefault(options, 'cache.no-flush', 'off', 'default');
  setDefault(options, 'read-only', 'off', 'default');
  const autoName = `#blockdev${String(st.nodes.size)}`;
  openNode(st, {
    filename: undefined,
    reference: undefined,
    options,
    autoName,
    parent: undefined,
    protocol: false,
    nativeAio: false,
  });
}

const SNAPSHOT = { kind: 'default', by: 'snapshot=on' } as const;

function bareNode(id: string, driver: string, own: QDict, forced: OpenedNode['forced']): OpenedNode {
  return {
    id,
    driver,
    nodeName: undefined,
    own,
    forced,
    nativeAio: false,
    bytes: new Uint8Array(),
    filename: undefined,
    probed: false,
  };
}

/** block.c: bdrv_temp_snapshot_options — cache=unsafe, read-only and discard copied from the original. */
function overlayOptions(original: OpenedNode): OpenedNode['forced'] {
  const readOnly = boolValue(original.own.get('read-only')?.value);
  const discard = discardValue(original.own.get('discard')?.value);
  return {
    'cache.direct': { value: false, origin: SNAPSHOT },
    'cache.no-flush': { value: true, origin: SNAPSHOT },
    ...(readOnly === undefined ? {} : { 'read-only': { value: readOnly, origin: SNAPSHOT } }),
    ...(discard === undefined ? {} : { discard: { value: discard, origin: SNAPSHOT } }),
  };
}

/**
 * block.c: bdrv_open_inherit with BDRV_O_SNAPSHOT — before the original is opened, its read-only
 * is dropped and bdrv_inherited_options(BDRV_CHILD_COW) applies the backing-file defaults to it:
 * it is read-only while it opens (so `force-share=on` is accepted, and an error met later in its
 * open, such as "Driver doesn't support backing files", is the one reported), then becomes the
 * backing file of the temporary overlay.
 */
function snapshotOriginal(options: QDict): OpenedNode['forced'] {
  const reason = 'snapshot=on: the image becomes the read-only backing file of a temporary overlay';
  const origin = { kind: 'forced', role: 'backing', reason } as const;
  return {
    'read-only': { value: true, origin },
    ...(options.has('discard') ? {} : { discard: { value: 'unmap', origin } }),
  };
}

/** block.c: bdrv_append_temp_snapshot — a temporary qcow2 overlay (no native AIO) whose backing file is the original. */
function appendTempSnapshot(st: OpenState, original: string, backend: string): string {
  const node = st.nodes.get(original);
  if (node === undefined) return original;
  const forced = overlayOptions(node);
  const overlay = `#${backend}/root`;
  const options: QDict = new Map([
    ['driver', { value: 'qcow2', origin: 'default' }],
    ['file.driver', { value: 'file', origin: 'default' }],
    ['file.filename', { value: '/var/tmp/vl.XXXXXX', origin: 'default' }],
  ]);
  st.nodes.set(overlay, bareNode(overlay, 'qcow2', options, forced));
  st.nodes.set(`${overlay}/file`, bareNode(`${overlay}/file`, 'file', new Map(), {}));
  st.links.push({ parent: overlay, role: 'file', child: `${overlay}/file`, mode: 'inline' });
  st.links.push({ parent: overlay, role: 'backing', child: original, mode: 'reference' });
  return overlay;
}

/** block/block-backend.c: monitor_add_blk. */
function addBackend(st: OpenState, name: string, root: string | undefined): void {
  if (st.backends.has(name)) fail(`Device with id '${name}' already exists`);
  if (isNodeName(st, name)) fail(`Device name '${name}' conflicts with an existing node name`);
  st.backends.set(name, root);
}

/**
 * blockdev.c: blockdev_init after the options are settled — an empty BlockBackend, or
 * blk_new_open of the top node (plus a temporary overlay for snapshot=on), whose root gets
 * -drive's detect-zeroes.
 */
export function openDrive(st: OpenState, spec: DriveSpec): void {
  if (spec.empty) {
    addBackend(st, spec.id, undefined);
    return;
  }
  const autoName = spec.snapshot ? `#${spec.id}/root/backing` : `#${spec.id}/root`;
  const top = openNode(st, {
    filename: spec.filename || undefined,
    reference: undefined,
    options: spec.options,
    autoName,
    parent: undefined,
    protocol: false,
    nativeAio: spec.nativeAio,
    ...(spec.snapshot ? { forced: snapshotOriginal(spec.options) } : {}),
  });
  const root = spec.snapshot ? appendTempSnapshot(st, top, spec.id) : top;
  const rootNode = st.nodes.get(root);
  if (rootNode !== undefined) {
    const origin = spec.detectZeroes.explicit
      ? ({ kind: 'explicit' } as const)
      : ({ kind: 'default', by: '-drive' } as const);
    rootNode.forced['detect-zeroes'] = { value: spec.detectZeroes.value, origin };
  }
  addBackend(st, spec.id, root);
}
