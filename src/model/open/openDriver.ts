import { driverSpec } from '../drivers/index.ts';
import type { ImageHeader } from '../images/probeImage.ts';
import { isNodeNameTooLong, isWellFormedId } from '../names.ts';
import { qdictFirst } from '../qapi/ghash.ts';
import { catalogue } from '../schema/catalogue.ts';
import { consumesOption } from './driverOptions.ts';
import { presentsFileBytes, readFormatHeader } from './formatHeader.ts';
import { BOOLEAN_OPTIONS, boolValue, discardValue } from './given.ts';
import { addCheck, addWarning, fail, isNodeName, nodeOf, type OpenedNode, type OpenState } from './openState.ts';
import { openTraits } from './openTraits.ts';
import { OPEN_TEXT } from './openText.ts';
import { getStr } from './qdict.ts';

const NO_HEADER: ImageHeader = { format: '' };

/**
 * block.c: bdrv_open_common up to the driver's open: the generic options are parsed
 * (qemu_opts_absorb_qdict), force-share needs read-only, a file name may be required, then
 * discard and detect-zeroes. Checks on inherited values are recorded, the rest fail at once.
 */
export function openCommon(st: OpenState, node: OpenedNode): void {
  for (const option of BOOLEAN_OPTIONS) {
    const entry = node.own.get(option);
    if (entry !== undefined && boolValue(entry.value) === undefined)
      fail(`Parameter '${option}' expects 'on' or 'off'`);
  }
  addCheck(st, (eff) => {
    const options = eff.get(node.id);
    return options?.['force-share'].value === true && options['read-only'].value !== true
      ? OPEN_TEXT.forceShare()
      : undefined;
  });
  if (openTraits(node.driver).needsFilename && !node.filename)
    fail(`The '${node.driver}' block driver requires a file name`);
  const discard = node.own.get('discard');
  if (discard !== undefined && discardValue(discard.value) === undefined) fail('Invalid discard option');
  const zeroes = node.own.get('detect-zeroes')?.value;
  if (zeroes !== undefined && !['off', 'on', 'unmap'].includes(String(zeroes)))
    fail(`invalid parameter value: ${String(zeroes)}`);
  if (zeroes === 'unmap') {
    addCheck(st, (eff) => (eff.get(node.id)?.discard.value === 'unmap' ? undefined : OPEN_TEXT.detectZeroesUnmap()));
  }
}

/**
 * block.c: bdrv_assign_node_name — run once the node's `file` child is open (bdrv_open_common),
 * so a name its file subtree took first is a duplicate of the node, not the other way round.
 */
function assignNodeName(st: OpenState, node: OpenedNode): void {
  const name = node.nodeName;
  if (name === undefined) return;
  if (!isWellFormedId(name)) fail(OPEN_TEXT.invalidNodeName(name));
  if (st.backends.has(name)) fail(`node-name=${name} is conflicting with a device id`);
  if (isNodeName(st, name)) fail(OPEN_TEXT.duplicateNodeName(name));
  if (isNodeNameTooLong(name)) fail(OPEN_TEXT.nodeNameTooLong());
  st.names.set(name, node.id);
}

/** block/file-posix.c: raw_open_common — the file must exist; aio=native needs O_DIRECT. */
function openHostFile(st: OpenState, node: OpenedNode): void {
  const filename = node.filename ?? '';
  const bytes = st.images.read(filename);
  if (bytes === undefined) fail(OPEN_TEXT.noSuchFile(filename));
  node.bytes = bytes;
  const aio = node.own.get('aio')?.value;
  addCheck(st, (eff) =>
    (node.nativeAio || aio === 'native') && eff.get(node.id)?.['cache.direct'].value !== true
      ? 'aio=native was specified, but it requires cache.direct=on, which was not specified.'
      : undefined,
  );
}

/**
 * The driver's own boolean and enum options, as its open function parses the strings `-drive`
 * gives (QemuOpts booleans; qapi_enum_parse, whose 7.2 message is "invalid parameter value").
 */
function checkDriverValues(node: OpenedNode): void {
  for (const option of catalogue.drivers[node.driver]?.ownOptions ?? []) {
    const value = node.own.get(option.name)?.value;
    if (typeof value !== 'string') continue;
    if (option.type.kind === 'bool' && boolValue(value) === undefined)
      fail(`Parameter '${option.name}' expects 'on' or 'off'`);
    if (option.type.kind === 'enum' && !option.type.values.includes(value)) fail(`invalid parameter value: ${value}`);
  }
}

/** A driver option naming a QOM object (throttle's throttle-group) must name an existing one. */
function checkObject(st: OpenState, node: OpenedNode): void {
  const object = openTraits(node.driver).objectOption;
  if (object === undefined) return;
  const id = getStr(node.own, object.option);
  if (id === undefined) fail(object.absent);
  if (!st.objects.has(id)) fail(object.missing(id));
}

/** block/raw-format.c: raw_open warns when probing chose raw for a writable node. */
function warnProbed(st: OpenState, node: OpenedNode, file: string): void {
  const warning = openTraits(node.driver).probedWarning;
  if (!node.probed || warning === undefined) return;
  const filename = nodeOf(st, file)?.filename ?? '';
  addWarning(st, (eff) => (eff.get(node.id)?.['read-only'].value === true ? undefined : warning(filename)));
}

/** A format's open: its image must be in its format; the header names the backing file. */
function openFormat(st: OpenState, node: OpenedNode, file: string | undefined): ImageHeader {
  const spec = driverSpec(node.driver);
  if (file === undefined) {
    if (spec?.children.file !== undefined) fail('A block device must be specified for "file"');
    return NO_HEADER;
  }
  const bytes = nodeOf(st, file)?.bytes ?? new Uint8Array();
  // The bytes a node presents: its filtered child's (raw, filters), else none it would show.
  node.bytes = presentsFileBytes(node.driver) ? bytes : new Uint8Array();
  warnProbed(st, node, file);
  const read = readFormatHeader(node.driver, bytes, node.filename ?? '');
  if (read === undefined) return NO_HEADER;
  if ('error' in read) fail(read.error);
  checkDriverValues(node);
  return read.header;
}

/**
 * block.c: bdrv_open_driver — the node-name, then the driver's own open function. Returns the
 * image header for the backing file (empty when the driver has none).
 */
export function openDriver(st: OpenState, node: OpenedNode, file: string | undefined): ImageHeader {
  assignNodeName(st, node);
  const traits = openTraits(node.driver);
  if (traits.unsupportedFilename) st.notes.push(`how QEMU opens '${node.driver}' nodes is not modelled`);
  checkObject(st, node);
  if (traits.hostFile) {
    checkDriverValues(node);
    openHostFile(st, node);
    return NO_HEADER;
  }
  if (driverSpec(node.driver)?.category === 'protocol') return NO_HEADER;
  return openFormat(st, node, file);
}

/** block.c: bdrv_open_inherit, "Check if any unknown options were used" — QDict order picks the one named. */
export function rejectUnknownOptions(node: OpenedNode, protocol: boolean): void {
  const left = [...node.own.keys()].filter((key) => !consumesOption(node.driver, key));
  const first = qdictFirst(left);
  if (first === undefined) return;
  if (protocol) fail(`Block protocol '${node.driver}' doesn't support the option '${first}'`);
  fail(`Block format '${node.driver}' does not support the option '${first}'`);
}
