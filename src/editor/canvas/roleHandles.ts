import { catalogue, driverSpec, parseRole, type ChildLink } from '../../model/index.ts';

/** Prefix of a role handle's id, so that no role (quorum's `children`) collides with another handle id. */
const ROLE_PREFIX = 'role:';

/**
 * One output handle of a block node: a child role of its driver (`file`, `backing`), one existing
 * member of a list role (`children.1`), or a list's free "add" handle (`children`).
 */
export interface RolePort {
  /** The React Flow handle id (`role:file`, `role:children.1`, `role:children`). */
  handleId: string;
  /** QEMU's edge name, or the bare list member for an "add" handle; what `connectChild` takes. */
  role: string;
  /** The QAPI member the role belongs to (`children` for `children.1`). */
  member: string;
  /** The QAPI schema says the member is required (a list: at least one element). */
  required: boolean;
  /** A child is connected on this role. */
  filled: boolean;
  /** The free handle of a list role, which appends a child. */
  adds: boolean;
  /** A required role with nothing connected: QEMU would refuse the node as it stands. */
  missing: boolean;
  /** A role the driver does not have (a document that `checkGraph` flags): still drawn, so its edge shows. */
  unknown: boolean;
  /** The role's BdrvChildRole bits from the driver table (`data | metadata | primary`), or '' when unknown. */
  flags: string;
}

/**
 * The handle id of a role; the edge of a child link starts at `roleHandleId(link.role)`.
 *
 * @example roleHandleId('children.2') // 'role:children.2'
 */
export function roleHandleId(role: string): string {
  return `${ROLE_PREFIX}${role}`;
}

/**
 * The role a handle id stands for, or undefined for handles that are not role handles.
 *
 * @example roleOfHandle('role:backing') // 'backing'
 */
export function roleOfHandle(handleId: string | null | undefined): string | undefined {
  return handleId?.startsWith(ROLE_PREFIX) === true ? handleId.slice(ROLE_PREFIX.length) : undefined;
}

/**
 * The output handles of a node of `driver` whose connected roles are `roles`: one per child member
 * of the driver's QAPI schema, in schema order, with required-ness from the schema; a list member
 * gets one handle per connected element (by index) and one free "add" handle. Roles the driver does
 * not have come last, so their edges still have a handle. Equal results are the same array, so a
 * node's data compares equal across document changes that leave its handles alone.
 *
 * @example rolePorts('qcow2', ['file']).map((p) => `${p.role}:${p.filled ? 'filled' : p.missing ? 'missing' : 'empty'}`)
 * // ['file:filled', 'backing:empty', 'data-file:empty']
 */
export function rolePorts(driver: string, roles: readonly string[]): readonly RolePort[] {
  const members = catalogue.drivers[driver]?.children ?? [];
  if (members.length === 0 && roles.length === 0) return NO_PORTS;
  const spec = driverSpec(driver);
  const port = (role: string, member: string, state: PortState) =>
    makePort(role, member, state, spec?.children[member]?.flags.join(' | ') ?? '');
  const taken = new Set(roles);
  const ports: RolePort[] = [];
  for (const member of members) {
    if (!member.list) {
      const filled = taken.has(member.name);
      ports.push(port(member.name, member.name, { required: member.required, filled, adds: false }));
      continue;
    }
    const elements = roles
      .map((role) => ({ role, ref: parseRole(role) }))
      .filter(({ ref }) => ref.member === member.name && ref.index !== undefined)
      .sort((a, b) => (a.ref.index ?? 0) - (b.ref.index ?? 0));
    for (const { role } of elements) {
      ports.push(port(role, member.name, { required: member.required, filled: true, adds: false }));
    }
    const missing = member.required && elements.length === 0;
    ports.push(port(member.name, member.name, { required: member.required, filled: false, adds: true, missing }));
  }
  const known = new Set(ports.filter((p) => p.filled).map((p) => p.role));
  for (const role of roles) {
    if (!known.has(role))
      ports.push({
        ...port(role, parseRole(role).member, { required: false, filled: true, adds: false }),
        unknown: true,
      });
  }
  return intern(ports);
}

/** The roles of a node's links, by parent id: what `rolePorts` takes, for every node at once in one pass. */
export function rolesByParent(links: readonly ChildLink[]): ReadonlyMap<string, string[]> {
  const index = new Map<string, string[]>();
  for (const link of links) {
    const roles = index.get(link.parent);
    if (roles) roles.push(link.role);
    else index.set(link.parent, [link.role]);
  }
  return index;
}

/** The required roles left empty, for a node's accessible description: `file`, `children`. */
export function missingRoles(ports: readonly RolePort[]): string[] {
  return ports.filter((p) => p.missing).map((p) => p.member);
}

/**
 * How a handle reads to assistive technology and in its tooltip.
 *
 * @example portLabel({ role: 'file', required: true, filled: false, missing: true, … }) // 'file: required, empty'
 */
export function portLabel(p: RolePort): string {
  if (p.adds) return `${p.member}: add a child${p.missing ? ' (required, none yet)' : ''}`;
  if (p.unknown) return `${p.role}: not a child of this driver`;
  if (p.filled) return `${p.role}: connected`;
  return `${p.role}: ${p.required ? 'required' : 'optional'}, empty`;
}

const NO_PORTS: readonly RolePort[] = [];

interface PortState {
  required: boolean;
  filled: boolean;
  adds: boolean;
  missing?: boolean;
}

function makePort(role: string, member: string, state: PortState, flags: string): RolePort {
  const missing = state.missing ?? (state.required && !state.filled && !state.adds);
  return { handleId: roleHandleId(role), role, member, ...state, missing, unknown: false, flags };
}

/** Port lists seen so far, by content: few distinct ones exist (per driver and filling), so the cache stays small. */
const INTERNED = new Map<string, readonly RolePort[]>();
const INTERN_LIMIT = 4096;

function intern(ports: readonly RolePort[]): readonly RolePort[] {
  const key = ports
    .map((p) => `${p.role}|${String(p.required)}|${String(p.filled)}|${String(p.adds)}|${String(p.unknown)}|${p.flags}`)
    .join('\u0000');
  const known = INTERNED.get(key);
  if (known !== undefined) return known;
  if (INTERNED.size >= INTERN_LIMIT) INTERNED.clear();
  INTERNED.set(key, ports);
  return ports;
}
