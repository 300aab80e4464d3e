import type { BlockGraph, ChildLink } from '../document.ts';
import { driverSpec } from '../drivers/index.ts';
import type { JsonObject } from '../json.ts';

const SECTOR = 512;
/** block/null.c: null_file_open's default size (1 GiB). */
const NULL_DEFAULT_SIZE = 1 << 30;

/** How a driver's length follows from its options and the length of its `file` child (undefined: unknown). */
type LengthRule = (options: JsonObject, file: number | undefined) => number | undefined;

const filterLength: LengthRule = (_options, file) => file;
const nullLength: LengthRule = (options) => (typeof options.size === 'number' ? options.size : NULL_DEFAULT_SIZE);

const LENGTH_RULES: Readonly<Record<string, LengthRule>> = {
  'null-co': nullLength,
  'null-aio': nullLength,
  // block/raw-format.c: raw_getlength (size, else what lies beyond offset)
  raw: (options, file) => {
    if (typeof options.size === 'number') return options.size;
    return file === undefined ? undefined : file - (typeof options.offset === 'number' ? options.offset : 0);
  },
};

/**
 * A node's length as `bdrv_getlength` reports it (whole 512-byte sectors), where the document
 * says enough: null-co/null-aio from `size`, raw from `size` or its child's length minus `offset`,
 * a filter from its child's. Undefined where only the image could tell. `link` finds a parent's
 * first link in a role (by default by scanning `graph.links`).
 */
export function nodeLength(
  graph: BlockGraph,
  id: string,
  depth = 0,
  link: (parent: string, role: string) => ChildLink | undefined = (parent, role) =>
    graph.links.find((l) => l.parent === parent && l.role === role),
): number | undefined {
  const node = graph.nodes[id];
  if (node === undefined || depth > 64) return undefined;
  const fileId = link(id, 'file')?.child;
  const file = fileId === undefined ? undefined : nodeLength(graph, fileId, depth + 1, link);
  const rule = LENGTH_RULES[node.driver] ?? (driverSpec(node.driver)?.category === 'filter' ? filterLength : undefined);
  const bytes = rule?.(node.options, file);
  return bytes === undefined ? undefined : Math.ceil(bytes / SECTOR) * SECTOR;
}
