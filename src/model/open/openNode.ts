import { driverSpec } from '../drivers/index.ts';
import { isJsonObject } from '../json.ts';
import { probeImage } from '../images/probeImage.ts';
import { catalogue } from '../schema/catalogue.ts';
import { openBacking, openFileChild, openOtherChildren } from './openChildren.ts';
import { openCommon, openDriver, rejectUnknownOptions } from './openDriver.ts';
import {
  addWarning,
  fail,
  hasNodeId,
  nodeNamed,
  nodeOf,
  putNode,
  type OpenedNode,
  type OpenRequest,
  type OpenState,
} from './openState.ts';
import { findProtocol, openTraits } from './openTraits.ts';
import { OPEN_TEXT } from './openText.ts';
import { flatten, getStr, joinUnder, type QDict } from './qdict.ts';
import { parseQemuJson } from '../qapi/qjson.ts';

/**
 * Simulates block.c: bdrv_open_inherit: json: filename, driver and protocol choice
 * (bdrv_fill_options), the `file` child, probing, bdrv_open_common, the driver's open, the
 * backing file and the unknown-option check, in QEMU's order. Returns the node's id.
 */
export function openNode(st: OpenState, req: OpenRequest): string {
  if (req.reference !== undefined) return openReference(st, req);
  const options = req.options;
  const filename = mergeJsonFilename(req.filename, options);
  const { driver, protocol } = fillOptions(options, filename, req.protocol);
  const noBacking = takeNoBacking(st, options);
  const node = addNode(st, req, driver ?? '');
  const file = protocol ? undefined : openFileChild(openNode, st, node, filename, options);
  node.driver = driver ?? probe(st, file, filename);
  node.probed = driver === undefined;
  if (file !== undefined) node.filename = nodeOf(st, file)?.filename;
  openCommon(st, node);
  const header = openDriver(st, node, file);
  openOtherChildren(openNode, st, node, options, header);
  if (!noBacking) openBacking(openNode, st, node, options, header);
  rejectUnknownOptions(node, protocol);
  return node.id;
}

/**
 * block.c: bdrv_open_inherit with a reference: no options, looked up as a BlockBackend then a node
 * (bdrv_lookup_bs), among those whose node-name is assigned: a node whose `file` child is being
 * opened is not found by its name yet.
 */
function openReference(st: OpenState, req: OpenRequest): string {
  const ref = req.reference as string;
  if (req.filename !== undefined || req.options.size > 0) {
    fail('Cannot reference an existing block device with additional options or a new filename');
  }
  if (st.backends.has(ref)) {
    const root = st.backends.get(ref);
    if (root === undefined) fail(`Device '${ref}' has no medium`);
    return root;
  }
  const id = nodeNamed(st, ref);
  if (id === undefined) fail(OPEN_TEXT.cannotFind(ref));
  return id;
}

/** block.c: parse_json_protocol — `json:{…}` options join under the explicit ones. */
function mergeJsonFilename(filename: string | undefined, options: QDict): string | undefined {
  if (filename?.startsWith('json:') !== true) return filename;
  const parsed = parseQemuJson(filename.slice('json:'.length));
  if (!parsed.ok) fail(`Could not parse the JSON options: ${parsed.message}`);
  if (!isJsonObject(parsed.value)) fail('Invalid JSON object given');
  joinUnder(options, flatten(parsed.value, 'json'));
  return undefined;
}

/** block.c: bdrv_fill_options — the driver, whether the node is a protocol node, and its filename. */
function fillOptions(
  options: QDict,
  filename: string | undefined,
  inherited: boolean,
): { driver: string | undefined; protocol: boolean; legacy: boolean } {
  let driver = getStr(options, 'driver');
  let protocol = inherited;
  if (driver !== undefined) {
    if (catalogue.drivers[driver] === undefined) fail(`Unknown driver '${driver}'`);
    protocol = driverSpec(driver)?.category === 'protocol';
  }
  const legacy = protocol && filename !== undefined;
  if (legacy) {
    if (options.has('filename')) fail("Can't specify 'file' and 'filename' options at the same time");
    options.set('filename', { value: filename, origin: 'explicit' });
  }
  const name = getStr(options, 'filename');
  if (driver === undefined && protocol) {
    if (name === undefined) fail('Must specify either driver or file');
    const found = findProtocol(name, legacy);
    if ('error' in found) fail(found.error);
    driver = found.driver;
    options.set('driver', { value: driver, origin: 'default' });
  }
  if (driver !== undefined && legacy) parseLegacyFilename(options, driver, name as string);
  return { driver, protocol, legacy };
}

/** BlockDriver.bdrv_parse_filename for a legacy filename. */
function parseLegacyFilename(options: QDict, driver: string, filename: string): void {
  const traits = openTraits(driver);
  // Network URLs become driver options (server, export…) that blockgraph does not model.
  const parsed = traits.legacyFilename?.(filename) ?? { filename: traits.unsupportedFilename ? undefined : filename };
  if ('error' in parsed) fail(parsed.error);
  const origin = options.get('filename')?.origin ?? 'explicit';
  if (parsed.filename === undefined) options.delete('filename');
  else options.set('filename', { value: parsed.filename, origin });
}

/** `backing: null` (JSON) or the deprecated `backing=` (empty) disables the backing file. */
function takeNoBacking(st: OpenState, options: QDict): boolean {
  const backing = options.get('backing')?.value;
  if (backing !== null && backing !== '') return false;
  if (backing === '') addWarning(st, 'warning: Use of "backing": "" is deprecated; use "backing": null instead');
  options.delete('backing');
  return true;
}

function addNode(st: OpenState, req: OpenRequest, driver: string): OpenedNode {
  const nodeName = getStr(req.options, 'node-name');
  // A node-name QEMU will refuse (openCommon says why) must not replace the node that has it.
  const id = nodeName !== undefined && !hasNodeId(st, nodeName) && !st.backends.has(nodeName) ? nodeName : req.autoName;
  const node: OpenedNode = {
    id,
    driver,
    nodeName,
    own: req.options,
    forced: { ...req.forced },
    nativeAio: req.nativeAio,
    bytes: new Uint8Array(),
    filename: getStr(req.options, 'filename') ?? openTraits(driver).canonicalFilename,
    probed: false,
  };
  putNode(st, node);
  if (req.parent !== undefined)
    st.links.push({ parent: req.parent.id, role: req.parent.role, child: id, mode: 'inline' });
  return node;
}

/** block.c: find_image_format — the highest-scoring driver for the file child's first bytes. */
function probe(st: OpenState, file: string | undefined, filename: string | undefined): string {
  if (file === undefined) fail('Must specify either driver or file');
  const bytes = nodeOf(st, file)?.bytes ?? new Uint8Array();
  return probeImage(bytes, filename ?? '').format;
}
