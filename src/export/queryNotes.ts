import { isJsonObject, type JsonValue } from '../model/index.ts';
import { NAMED_NODES, type NamedNodeReply } from './queryReplies.ts';

/**
 * Notes on what query-named-block-nodes shows that a document cannot carry: one sentence per
 * kind, naming the nodes, so that nothing is dropped silently. Fields are BlockDeviceInfo's of
 * QEMU 7.2 (qapi/block-core.json).
 */

/** Fields the import reads into the document, or that only restate the graph. */
const READ_FIELDS = ['file', 'node-name', 'ro', 'drv', 'backing_file', 'backing_file_depth', 'detect_zeroes', 'cache'];

/** A BlockBackend's I/O limits (block_set_io_throttle, -drive throttling.*): zero or absent when unset. */
const THROTTLE_FIELDS = [
  'bps',
  'bps_rd',
  'bps_wr',
  'iops',
  'iops_rd',
  'iops_wr',
  'bps_max',
  'bps_rd_max',
  'bps_wr_max',
  'iops_max',
  'iops_rd_max',
  'iops_wr_max',
  'bps_max_length',
  'bps_rd_max_length',
  'bps_wr_max_length',
  'iops_max_length',
  'iops_rd_max_length',
  'iops_wr_max_length',
  'iops_size',
  'group',
];

const OTHER_FIELDS = ['encrypted', 'image', 'write_threshold', 'dirty-bitmaps'];
const KNOWN_FIELDS: ReadonlySet<string> = new Set([...READ_FIELDS, ...THROTTLE_FIELDS, ...OTHER_FIELDS]);

/** Image fields the import uses (the header's backing file) or that the node's driver restates. */
const IMAGE_FIELDS_READ: ReadonlySet<string> = new Set([
  'filename',
  'format',
  'backing-filename',
  'full-backing-filename',
  'backing-filename-format',
]);

/** At most this many items are listed in a note; the rest are counted. */
const LIST_LIMIT = 8;

/**
 * `'a', 'b' and 3 more`: a note's list, short whatever the graph's size.
 *
 * @example listOf(["'a'", "'b'"]) // "'a', 'b'"
 */
export function listOf(items: readonly string[]): string {
  const shown = items.slice(0, LIST_LIMIT).join(', ');
  return items.length > LIST_LIMIT ? `${shown} and ${String(items.length - LIST_LIMIT)} more` : shown;
}

/** Collects, per kind, the nodes that show something; `describe` gives a node's name for notes. */
export function fieldNotes(nodes: readonly NamedNodeReply[], describe: (name: string) => string): string[] {
  const kinds = {
    image: new Set<string>(),
    throttle: [] as string[],
    threshold: [] as string[],
    bitmaps: [] as string[],
    encrypted: [] as string[],
    writeback: [] as string[],
    unknown: new Set<string>(),
  };
  for (const node of nodes) {
    const { raw } = node;
    const who = describe(node.name);
    if (isJsonObject(raw.image)) for (const key of Object.keys(raw.image)) kinds.image.add(key);
    const throttled = THROTTLE_FIELDS.filter((field) => isSet(raw[field]));
    if (throttled.length > 0) kinds.throttle.push(`${who} ${throttled.join(', ')}`);
    if (isSet(raw.write_threshold)) kinds.threshold.push(`${who} ${scalar(raw.write_threshold)}`);
    if (Array.isArray(raw['dirty-bitmaps']) && raw['dirty-bitmaps'].length > 0) kinds.bitmaps.push(who);
    if (raw.encrypted === true) kinds.encrypted.push(who);
    if (!node.cache.writeback) kinds.writeback.push(who);
    for (const key of Object.keys(raw)) if (!KNOWN_FIELDS.has(key)) kinds.unknown.add(key);
  }
  const imageFields = [...kinds.image].filter((key) => !IMAGE_FIELDS_READ.has(key));
  return [
    imageFields.length > 0
      ? `Image details (${listOf(imageFields)}) describe the image files, not how QEMU opens them: not imported.`
      : '',
    kinds.throttle.length > 0
      ? `I/O limits of BlockBackends are not imported (${listOf(kinds.throttle)}); a document throttles with a throttle node and a throttle-group object.`
      : '',
    kinds.threshold.length > 0
      ? `Write thresholds (block-set-write-threshold) are run-time settings, not imported: ${listOf(kinds.threshold)}.`
      : '',
    kinds.bitmaps.length > 0
      ? `Dirty bitmaps (block-dirty-bitmap-add) are not imported: on ${listOf(kinds.bitmaps)}.`
      : '',
    kinds.encrypted.length > 0
      ? `Encrypted nodes are imported without their keys, which the replies do not show: ${listOf(kinds.encrypted)}.`
      : '',
    kinds.writeback.length > 0
      ? `cache.writeback is a BlockBackend's setting (write-cache of a device), not imported: ${listOf(kinds.writeback)}.`
      : '',
    kinds.unknown.size > 0
      ? `Fields of ${NAMED_NODES} that this build does not know are not imported: ${listOf([...kinds.unknown])}.`
      : '',
  ].filter((note) => note !== '');
}

/** Set: not absent, not zero, not empty (QEMU reports unset limits and thresholds as 0). */
function isSet(value: JsonValue | undefined): boolean {
  return value !== undefined && value !== 0 && value !== '' && value !== null && value !== false;
}

function scalar(value: JsonValue | undefined): string {
  return typeof value === 'number' || typeof value === 'string' ? String(value) : 'set';
}
