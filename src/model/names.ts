/**
 * QEMU's rules for node-names (block.c: bdrv_assign_node_name, util/id.c: id_wellformed):
 * a letter first, then letters, digits, '-', '.' or '_'; at most 31 characters
 * (`BlockDriverState.node_name` is char[32]).
 */
const WELLFORMED = /^[A-Za-z][A-Za-z0-9._-]*$/;
export const MAX_NODE_NAME_LENGTH = 31;

/** `id_wellformed`: also used for QOM object ids and document ids. */
export function isWellFormedId(id: string): boolean {
  return WELLFORMED.test(id);
}

export function isNodeNameTooLong(name: string): boolean {
  return name.length > MAX_NODE_NAME_LENGTH;
}
