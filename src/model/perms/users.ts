import type { BlockGraph, Frontend } from '../document.ts';
import { resolveOptions, type EffectiveOptions } from '../inherit/resolveOptions.ts';
import type { JsonValue } from '../json.ts';
import type { PermissionUser } from './computePermissions.ts';
import type { Perm } from './perm.ts';

/** What decides a frontend's BlockBackend permissions. */
interface UserInput {
  frontend: Frontend;
  /** The root node's effective read-only. */
  readOnlyNode: boolean;
}

type UserRule = (input: UserInput) => Omit<PermissionUser, 'node'>;

const on = (value: JsonValue | undefined): boolean => value === true || value === 'on';

/**
 * A guest disk (hw/block/block.c: blkconf_apply_backend_options): reads, writes unless read-only,
 * shares resize and, with share-rw, write. The BlockBackend is anonymous; QEMU describes it by the
 * device's id, or by its QOM path when the device is a proxy's inner device.
 */
function guestDisk(name: (frontend: Frontend) => string, readOnly: (input: UserInput) => boolean): UserRule {
  return (input) => {
    const perm: Perm[] = readOnly(input) ? ['consistent-read'] : ['consistent-read', 'write'];
    const shared: Perm[] = ['consistent-read', 'resize', 'write-unchanged'];
    if (on(input.frontend.props['share-rw'])) shared.push('write');
    return { name: name(input.frontend), perm, shared: shared.sort() };
  };
}

/**
 * Permissions of each frontend kind's BlockBackend, keyed by kind, as QEMU 7.2 sets them
 * (checked in src/cli/qemu/perms.differential.test.ts and its command-line cases).
 */
export const USER_RULES: Readonly<Record<string, UserRule>> = {
  // virtio-blk-pci: the disk is the proxy's inner virtio-blk device, which has no id of its own.
  'virtio-blk-pci': guestDisk(
    (f) => `/machine/peripheral/${f.id}/virtio-backend`,
    (i) => i.readOnlyNode,
  ),
  'scsi-hd': guestDisk(
    (f) => f.id,
    (i) => i.readOnlyNode,
  ),
  // ide-hd is never read-only: on a read-only node it fails with "Block node is read-only".
  'ide-hd': guestDisk(
    (f) => f.id,
    () => false,
  ),
  // block/export/export.c: blk_exp_add attaches reading (and writing) and sharing everything;
  // nbd/server.c: nbd_export_create then unshares resize. The BlockBackend is anonymous.
  'nbd-export': ({ frontend, readOnlyNode }) => {
    const writable = frontend.props.writable === true;
    const perm: Perm[] = writable ? ['consistent-read', 'write'] : ['consistent-read'];
    return {
      name: '',
      perm,
      shared: ['consistent-read', 'write', 'write-unchanged'],
      attach: { perm, shared: ['consistent-read', 'resize', 'write', 'write-unchanged'] },
      ...(writable && readOnlyNode ? { refusal: 'Cannot export read-only node as writable' } : {}),
    };
  },
};

/**
 * The users `computePermissions` should see for a document's frontends, in document order:
 * every frontend with a root node and a known kind. `effective` is resolveOptions(graph) if the
 * caller has it.
 */
export function frontendUsers(graph: BlockGraph, effective?: ReadonlyMap<string, EffectiveOptions>): PermissionUser[] {
  const options = effective ?? resolveOptions(graph);
  return Object.values(graph.frontends).flatMap((frontend) => {
    const rule = USER_RULES[frontend.kind];
    if (frontend.root === null || rule === undefined || graph.nodes[frontend.root] === undefined) return [];
    const readOnlyNode = options.get(frontend.root)?.['read-only'].value === true;
    return [{ node: frontend.root, ...rule({ frontend, readOnlyNode }) }];
  });
}
