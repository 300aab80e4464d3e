import type { BlockGraph, BlockNode, ChildLink } from '../document.ts';
import type { RoleFlag } from '../drivers/defineDriver.ts';
import type { EffectiveOptions } from '../inherit/resolveOptions.ts';
import { driverSpec } from '../drivers/index.ts';
import { normalizePath } from '../open/imageSource.ts';
import { parseRole } from '../roles.ts';
import { defaultPerms } from './defaultPerms.ts';
import { ALL, type PermPair } from './perm.ts';
import { CHILD_PERM_RULES, ROLE_VARIANTS } from './rules.ts';

/** The key of a child edge in `computePermissions`' result: parent id and edge name. */
export function edgeKey(parent: string, role: string): string {
  return `${parent}\u0000${role}`;
}

/** A document link with what its permissions depend on that never changes. */
export interface EdgeSpec {
  key: string;
  link: ChildLink;
  /** The QAPI member of the role (`children` for `children.1`). */
  member: string;
  /** Role bits, or undefined when the parent's driver has no such child (QEMU builds no such edge). */
  flags: readonly RoleFlag[] | undefined;
}

/** The spec of every link, with role variants applied (raw's offset/size, qcow2's data-file). */
export function edgeSpecs(graph: BlockGraph): EdgeSpec[] {
  const members = graph.links.map((link) => parseRole(link.role).member);
  const siblings = new Map<string, string[]>();
  graph.links.forEach((link, i) => {
    const list = siblings.get(link.parent);
    if (list) list.push(members[i] as string);
    else siblings.set(link.parent, [members[i] as string]);
  });
  return graph.links.map((link, i) => {
    const parent = graph.nodes[link.parent];
    const member = members[i] as string;
    const base = parent === undefined ? undefined : driverSpec(parent.driver)?.children[member]?.flags;
    const variant = parent && base ? ROLE_VARIANTS[parent.driver] : undefined;
    const varied =
      parent && variant
        ? variant({ member, options: parent.options, siblings: siblings.get(link.parent) ?? [] })
        : undefined;
    return { key: edgeKey(link.parent, link.role), link, member, flags: varied ?? base };
  });
}

/** Per-node facts the permission rules read, looked up in the nodes' effective options. */
export class NodeFacts {
  /** Each lockable node's peers on its host file (only nodes that have some), built on the first question. */
  private peers: ReadonlyMap<string, readonly string[]> | undefined;

  constructor(
    private readonly options: ReadonlyMap<string, EffectiveOptions>,
    private readonly graph?: BlockGraph,
  ) {}

  /**
   * The other nodes that take byte-range locks on the host file node `id` locks (file-posix with
   * `locking` auto or on: this build runs on Linux, where auto means on), or [] when `id` takes
   * none. Files are told apart by their normalised name: two spellings of one file through a
   * symlink or the working directory are not known to be the same.
   */
  lockPeers(id: string): readonly string[] {
    if (this.graph === undefined) return NO_PEERS;
    this.peers ??= lockPeersOf(this.graph);
    return this.peers.get(id) ?? NO_PEERS;
  }

  /** Effective read-only is off; undefined for a node that has no options. */
  writable(id: string): boolean | undefined {
    const effective = this.options.get(id);
    return effective === undefined ? undefined : effective['read-only'].value !== true;
  }

  /** Effective force-share is on. */
  forceShare(id: string): boolean {
    return this.options.get(id)?.['force-share'].value === true;
  }
}

/** What the parent of an edge has now: its cumulative permissions and whether anything uses it. */
export interface ParentState {
  cumulative: PermPair;
  hasParents: boolean;
}

/**
 * The permissions an edge gets from its parent's driver given the parent's current state
 * (block.c: bdrv_child_perm): the driver's rule or bdrv_default_perms, then `force-share` on the
 * child shares everything. Undefined for an edge QEMU would not build.
 */
export function childPerms(
  graph: BlockGraph,
  spec: EdgeSpec,
  parent: ParentState,
  facts: NodeFacts,
): PermPair | undefined {
  const node = graph.nodes[spec.link.parent];
  if (node === undefined || spec.flags === undefined) return undefined;
  const { perm, shared } = parent.cumulative;
  const input = { flags: spec.flags, perm, shared, writable: facts.writable(node.id) ?? true };
  const defaults = defaultPerms(input);
  if (defaults === undefined) return undefined;
  const rule = CHILD_PERM_RULES[node.driver];
  const pair = rule
    ? rule({ ...input, member: spec.member, options: node.options, hasParents: parent.hasParents, defaults })
    : defaults;
  return facts.forceShare(spec.link.child) ? { perm: pair.perm, shared: ALL } : pair;
}

/** The host file `node` locks, or undefined (not a locking driver, `locking: off`, no file name). */
export function lockKey(node: BlockNode): string | undefined {
  const option = driverSpec(node.driver)?.locksFileNamedBy;
  if (option === undefined || node.options.locking === 'off') return undefined;
  const name = node.options[option];
  return typeof name === 'string' ? normalizePath(name) : undefined;
}

const NO_PEERS: readonly string[] = [];

/** The other lockable nodes on each lockable node's host file, for the nodes that share one. */
function lockPeersOf(graph: BlockGraph): Map<string, readonly string[]> {
  const files = new Map<string, string[]>();
  for (const node of Object.values(graph.nodes)) {
    const key = lockKey(node);
    if (key === undefined) continue;
    const list = files.get(key);
    if (list) list.push(node.id);
    else files.set(key, [node.id]);
  }
  const peers = new Map<string, readonly string[]>();
  for (const ids of files.values()) {
    if (ids.length < 2) continue;
    for (const id of ids)
      peers.set(
        id,
        ids.filter((other) => other !== id),
      );
  }
  return peers;
}
