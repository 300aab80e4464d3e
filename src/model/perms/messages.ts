import type { BlockGraph, ChildLink } from '../document.ts';
import { permText, type PermBits } from './perm.ts';

/**
 * One party to a permission conflict: a parent node's child edge (`role` is its edge name), or the
 * user at `index` of `computePermissions`' users (a BlockBackend, whose edge QEMU names `root`).
 */
export type Party =
  { kind: 'node'; parent: string; role: string } | { kind: 'user'; index: number; name: string; role: 'root' };

/**
 * The node-name QEMU's messages use for a node: its own, or for a node without one, which QEMU
 * calls `#block<N>` with an unpredictable N, `#PARENT/ROLE` after the parent defining it (as
 * resolveDocument names such nodes: `#disk/file`, `#disk/backing/file`). Computed on demand, in
 * time linear in the node's depth.
 */
export function nodeNamer(graph: BlockGraph): (id: string) => string {
  // Built on the first call: most computations name no node at all.
  let definedIn: Map<string, ChildLink> | undefined;
  return (id) => {
    definedIn ??= new Map(graph.links.filter((l) => l.mode === 'inline').map((l) => [l.child, l]));
    const roles: string[] = [];
    let at = id;
    for (
      let link = definedIn.get(at);
      graph.nodes[at]?.name === undefined && link && roles.length <= definedIn.size;
      link = definedIn.get(at)
    ) {
      roles.unshift(link.role);
      at = link.parent;
    }
    const base = graph.nodes[at]?.name ?? at;
    return roles.length === 0 ? (graph.nodes[id]?.name ?? `#${id}`) : `#${base}/${roles.join('/')}`;
  };
}

/**
 * How QEMU describes the parent side of an edge (`get_parent_desc`): `node 'x'` for a node
 * (block.c: bdrv_child_get_parent_desc); for a BlockBackend `block device 'x'` with its name or its
 * device's id or QOM path, else `an unnamed block device` (block-backend.c: blk_root_get_parent_desc).
 */
export function describeParty(party: Party, nameOf: (id: string) => string): string {
  if (party.kind === 'node') return `node '${nameOf(party.parent)}'`;
  return party.name === '' ? 'an unnamed block device' : `block device '${party.name}'`;
}

/** block.c: bdrv_node_refresh_perm, for a node that is read-only now. */
export const READ_ONLY_MESSAGE = 'Block node is read-only';

/**
 * file-posix.c: raw_check_lock_bytes. QMP replies carry these alone; on a command line QEMU adds
 * the hint `Is another process using the image [FILE]?` on the next line.
 */
export const LOCK_TEXT = {
  take: (perm: string) => `Failed to get "${perm}" lock`,
  share: (perm: string) => `Failed to get shared "${perm}" lock`,
};

/**
 * block.c: bdrv_a_allow_b: `required` takes `perms`, which `unshared` does not share.
 *
 * @example "Permission conflict on node 'f': permissions 'write, resize' are both required by node 'q0' (uses node 'f' as 'file' child) and unshared by node 'q2' (uses node 'f' as 'file' child)."
 */
export function conflictMessage(
  child: string,
  perms: PermBits,
  required: Party,
  unshared: Party,
  nameOf: (id: string) => string,
): string {
  const node = nameOf(child);
  return (
    `Permission conflict on node '${node}': permissions '${permText(perms)}' are both required by ` +
    `${describeParty(required, nameOf)} (uses node '${node}' as '${required.role}' child) and unshared by ` +
    `${describeParty(unshared, nameOf)} (uses node '${node}' as '${unshared.role}' child).`
  );
}
