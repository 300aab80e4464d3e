import {
  catalogue,
  childMemberOf,
  childrenFirst,
  diagnostic,
  emptyGraph,
  isChildLink,
  JsonReader,
  JsonTextError,
  layoutLayers,
  lineColumn,
  resolveDocument,
  type BlockGraph,
  type BlockNode,
  type ChildLink,
  type Diagnostic,
  type JsonValue,
  type QomObject,
  type OBJECT_TYPES,
  type Result,
} from '../model/index.ts';
import {
  isGenerated,
  placeNodes,
  qemuState,
  type NodeMember,
  type Placement,
  type QemuEdge,
  type QemuState,
} from './queryGraph.ts';
import { fieldNotes, listOf } from './queryNotes.ts';
import { ownOptions, pinForceShare, pinInherited, type OptionFindings } from './queryOptions.ts';
import {
  BLOCK_GRAPH,
  isQueryReply,
  NAMED_NODES,
  readReplies,
  readReplyList,
  type NamedNodeReply,
  type QueryReplies,
} from './queryReplies.ts';

export { isQueryReply };

/** A document imported from QEMU's replies, with one sentence per kind of thing it could not carry. */
export interface QueryImport {
  graph: BlockGraph;
  notes: string[];
}

/**
 * A running QEMU's block graph as a document, from the replies of `query-named-block-nodes
 * {"flat": true}` and `x-debug-query-block-graph`: either one, bare (`[…]`, `{"nodes", "edges"}`)
 * or whole (`{"return": …}`), or both (an array of the two, or an object keyed by command).
 *
 * One node per block-driver node (driver = `drv`, node-name = QEMU's unless QEMU generated it),
 * one link per edge (role = edge name; a generated child is inline, a named one a reference).
 * Options are only what the replies prove (see queryOptions.ts). BlockBackends, jobs and
 * everything else the document cannot hold are named in `notes`. Errors carry the key path into
 * the input.
 *
 * @example fromQueryReplies([{ return: namedNodes }, { return: blockGraph }]) // ok({ graph, notes })
 */
export function fromQueryReplies(value: JsonValue): Result<QueryImport> {
  const replies = readReplies(value);
  return replies.ok ? importReplies(replies.value) : replies;
}

/**
 * fromQueryReplies for pasted text: one JSON value, or two one after another (JSON lines or
 * concatenated), each a reply. Syntax errors carry their line and column; shape errors their key
 * path (`[1].return.edges[2].child`) and the line and column of the reply they are in.
 *
 * @example fromQueryText('{"return": []}\n{"return": {"nodes": [], "edges": []}}')
 */
export function fromQueryText(text: string): Result<QueryImport> {
  const read = readValues(text);
  if (!read.ok) return read;
  const { values, starts } = read.value;
  const [only] = values;
  const replies = values.length === 1 && only !== undefined ? readReplies(only) : readReplyList(values);
  const result = replies.ok ? importReplies(replies.value) : replies;
  return result.ok ? result : { ok: false, diagnostics: result.diagnostics.map((d) => located(d, text, starts)) };
}

/** The JSON values of a text, with the offsets of the replies that diagnostics' paths start with (`[i]`). */
function readValues(text: string): Result<{ values: JsonValue[]; starts: number[] }> {
  try {
    const reader = new JsonReader(text);
    const expected = `the reply of ${NAMED_NODES} or ${BLOCK_GRAPH}`;
    if (reader.atEnd()) return { ok: false, diagnostics: [diagnostic('E002', { expected }, { line: 1, column: 1 })] };
    const first = reader.located();
    if (reader.atEnd()) {
      const starts = Array.isArray(first.value) ? new JsonReader(text).arrayElements().map((item) => item.start) : [];
      return { ok: true, value: { values: [first.value], starts } };
    }
    const second = reader.located();
    if (!reader.atEnd()) {
      const where = lineColumn(text, reader.position());
      const at = diagnostic('E002', { expected: 'at most two JSON values, one reply of each command' }, where);
      return { ok: false, diagnostics: [at] };
    }
    return { ok: true, value: { values: [first.value, second.value], starts: [first.start, second.start] } };
  } catch (error) {
    return { ok: false, diagnostics: [syntaxError(text, error)] };
  }
}

/**
 * JsonReader's refusal at its offset; a RangeError is the call stack running out on nesting far
 * deeper than any reply (QEMU's own parser stops at 1024 levels: qobject/json-parser.c).
 */
function syntaxError(text: string, error: unknown): Diagnostic {
  if (error instanceof JsonTextError)
    return diagnostic('E001', { detail: error.message }, lineColumn(text, error.offset));
  if (error instanceof RangeError) return diagnostic('E001', { detail: 'nested too deeply' }, { line: 1, column: 1 });
  throw error;
}

/** Adds the line and column of the reply a diagnostic's path starts in. */
function located(d: Diagnostic, text: string, starts: readonly number[]): Diagnostic {
  if (d.line !== undefined) return d;
  const index = /^\[(\d+)\]/.exec(d.path ?? '')?.[1];
  // A path into one reply is at that reply; any other (the whole input) at the input's first value.
  const start = (index === undefined ? undefined : starts[Number(index)]) ?? /\S/.exec(text)?.index ?? 0;
  return { ...d, ...lineColumn(text, start) };
}

function importReplies(replies: QueryReplies): Result<QueryImport> {
  const state = qemuState(replies);
  const placement = placeNodes(state);
  const built = buildGraph(state, placement);
  if (!built.ok) return built;
  const { graph, info, edgeOf, findings } = built.value;
  const describe = describer(placement);
  const notes = [
    ...sourceNotes(replies, state, describe),
    ...userNotes(state, describe),
    ...placementNotes(state, placement, graph, describe),
    ...optionNotes(graph, findings, describe),
    ...fieldNotes([...info.values()], describe),
    ...differenceNotes(graph, info, edgeOf),
  ];
  return { ok: true, value: { graph: layoutLayers(graph), notes } };
}

interface Built {
  graph: BlockGraph;
  /** The query-named-block-nodes entry of each node, by document id. */
  info: Map<string, NamedNodeReply>;
  edgeOf: Map<ChildLink, QemuEdge>;
  findings: OptionFindings;
}

/** Nodes, links and objects; then the inherited options and force-share that the document must set to match. */
function buildGraph(state: QemuState, placement: Placement): Result<Built> {
  const linked = toLinks(state, placement);
  if (!linked.ok) return linked;
  const { links, edgeOf } = linked.value;
  const info = new Map<string, NamedNodeReply>();
  for (const [name, reply] of state.nodes) {
    const id = placement.ids.get(name);
    if (id !== undefined && reply !== undefined) info.set(id, reply);
  }
  const findings: OptionFindings = { dropped: [], unreadable: [] };
  const nodes = toNodes(state, placement, links, findings);
  const shaped: BlockGraph = { ...emptyGraph(), nodes, links, objects: groupObjects(nodes) };
  const cycle = cycleError(shaped, edgeOf);
  if (cycle) return { ok: false, diagnostics: [cycle] };
  // Without query-named-block-nodes there is nothing to match.
  const graph =
    state.nodes.size === info.size
      ? pinForceShare(pinInherited(shaped, info), info, (link) => edgeOf.get(link)?.shared)
      : shaped;
  return { ok: true, value: { graph, info, edgeOf, findings } };
}

/** No QEMU graph has a cycle, but a hand-edited reply may. */
function cycleError(graph: BlockGraph, edgeOf: ReadonlyMap<ChildLink, QemuEdge>): Diagnostic | undefined {
  const { cycle } = childrenFirst(graph);
  if (cycle === undefined) return undefined;
  const [parent = '', child = ''] = cycle;
  const link = graph.links.find((l) => l.parent === parent && l.child === child);
  const path = (link === undefined ? undefined : edgeOf.get(link)?.path) ?? '';
  return diagnostic('E203', { parent, child }, { node: parent, path });
}

interface Linked {
  links: ChildLink[];
  /** The QEMU edge behind each link. */
  edgeOf: Map<ChildLink, QemuEdge>;
}

/** One link per edge; a parent has at most one child per role (QEMU's edge names are unique per parent). */
function toLinks(state: QemuState, placement: Placement): Result<Linked> {
  const links: ChildLink[] = [];
  const edgeOf = new Map<ChildLink, QemuEdge>();
  const slots = new Set<string>();
  const problems: Diagnostic[] = [];
  for (const edge of state.edges) {
    const parent = placement.ids.get(edge.parent);
    const child = placement.ids.get(edge.child);
    if (parent === undefined || child === undefined) continue;
    const slot = `${parent}\u0000${edge.role}`;
    if (slots.has(slot)) {
      problems.push(diagnostic('E202', { parent: edge.parent, role: edge.role }, { path: edge.path }));
      continue;
    }
    slots.add(slot);
    const link: ChildLink = {
      parent,
      role: edge.role,
      child,
      mode: placement.inline.has(edge) ? 'inline' : 'reference',
    };
    links.push(link);
    edgeOf.set(link, edge);
  }
  return problems.length > 0 ? { ok: false, diagnostics: problems } : { ok: true, value: { links, edgeOf } };
}

function toNodes(
  state: QemuState,
  placement: Placement,
  links: readonly ChildLink[],
  findings: OptionFindings,
): Record<string, BlockNode> {
  const roles = new Set(links.map((link) => `${link.parent}\u0000${link.role}`));
  const entries: [string, BlockNode][] = [];
  for (const [qemuName, reply] of state.nodes) {
    const id = placement.ids.get(qemuName);
    if (id === undefined) continue;
    const name = placement.names.get(qemuName);
    // x-debug-query-block-graph alone does not say the driver: '' (unknown), as the notes say.
    const driver = reply?.drv ?? '';
    const options = reply ? ownOptions(reply, (role) => roles.has(`${id}\u0000${role}`), findings) : {};
    entries.push([id, { id, driver, ...(name === undefined ? {} : { name }), options }]);
  }
  return Object.fromEntries(entries);
}

/**
 * Options that name a QOM object, and its type: a throttle node's group
 * (block/throttle.c: throttle_configure_tgm looks the group up by this name).
 */
const OBJECT_OPTIONS: Readonly<Record<string, (typeof OBJECT_TYPES)[number]>> = { 'throttle-group': 'throttle-group' };

/** The objects the nodes' options name, without properties: the replies do not show them. */
function groupObjects(nodes: Record<string, BlockNode>): Record<string, QomObject> {
  const objects = new Map<string, QomObject>();
  for (const node of Object.values(nodes)) {
    for (const [option, qomType] of Object.entries(OBJECT_OPTIONS)) {
      const id = node.options[option];
      if (typeof id === 'string' && !objects.has(id)) objects.set(id, { id, qomType, props: {} });
    }
  }
  return Object.fromEntries(objects);
}

/** A node as notes name it: its document id, and QEMU's name when that differs. */
function describer(placement: Placement): (name: string) => string {
  return (name) => {
    const id = placement.ids.get(name) ?? name;
    return id === name ? `'${id}'` : `'${id}' (${name})`;
  };
}

function sourceNotes(replies: QueryReplies, state: QemuState, describe: (name: string) => string): string[] {
  if (replies.graph === undefined) {
    const found = `${String(state.edges.length)} found`;
    const missing = state.unrecovered ?? [];
    const lost = missing.length > 0 ? `; not found: ${listOf(missing.map((m) => member(m, describe)))}` : '';
    return [
      `Only ${NAMED_NODES} was given: edges come from file names (a node's plain file name is its file child's, backing_file its backing's; ${found}${lost}), and BlockBackends and jobs are unknown. Add the reply of ${BLOCK_GRAPH} for every edge.`,
    ];
  }
  if (replies.named === undefined && state.nodes.size > 0) {
    return [
      `Only ${BLOCK_GRAPH} was given: it shows no drivers or options, so the nodes have none (driver ''). Add the reply of ${NAMED_NODES} {"flat": true}.`,
    ];
  }
  return [];
}

/** `'qu' children`: a node as notes name it, and one of its members. */
function member(item: NodeMember, describe: (name: string) => string): string {
  return `${describe(item.node)} ${item.member}`;
}

function userNotes(state: QemuState, describe: (name: string) => string): string[] {
  const uses = (user: { uses: string[] }) =>
    user.uses.length === 0 ? '' : ` on ${user.uses.map(describe).join(', ')}`;
  const backends = state.backends.map((b) =>
    b.uses.length === 0 ? `${named(b.name)} without a medium` : `${named(b.name)}${uses(b)}`,
  );
  return [
    backends.length > 0
      ? `BlockBackends are not imported as frontends: the replies do not say which device or export uses them (${listOf(backends)}).`
      : '',
    state.jobs.length > 0
      ? `Block jobs are not imported: ${listOf(state.jobs.map((j) => `${named(j.name)}${uses(j)}`))}.`
      : '',
    state.strayEdges.length > 0
      ? `Edges into BlockBackends or jobs are not part of a block graph, not imported: ${listOf(state.strayEdges)}.`
      : '',
  ].filter((note) => note !== '');
}

function named(name: string): string {
  return name === '' ? 'an anonymous one' : `'${name}'`;
}

function placementNotes(
  state: QemuState,
  placement: Placement,
  graph: BlockGraph,
  describe: (name: string) => string,
): string[] {
  const byId = new Map([...placement.ids].map(([name, id]) => [id, name] as const));
  const guessed = graph.links
    .filter((link) => link.mode === 'reference' && !isGenerated(byId.get(link.child) ?? '#'))
    .map((link) => `${describe(byId.get(link.child) ?? link.child)} below ${describe(byId.get(link.parent) ?? '')}`);
  const badRoles = graph.links
    .filter(
      (link) =>
        graph.nodes[link.parent]?.driver !== '' &&
        childMemberOf(graph.nodes[link.parent]?.driver ?? '', link.role) === undefined,
    )
    .map((link) => `${describe(byId.get(link.parent) ?? '')} ${link.role}`);
  const unknownDrivers = [...state.nodes]
    .filter(([, reply]) => reply !== undefined && catalogue.drivers[reply.drv] === undefined)
    .map(([name, reply]) => `${describe(name)} (${reply?.drv ?? ''})`);
  return [
    guessed.length > 0
      ? `Named children are linked by reference (${listOf(guessed)}): the replies do not say whether a named child was defined inside its parent's blockdev-add (inline) or added on its own, and both build this graph; this is a guess.`
      : '',
    placement.orphans.length > 0
      ? `Nodes QEMU named itself that are no other node's child (a -drive's root, a job's filter) stay unnamed and top-level: ${listOf(placement.orphans.map(describe))}; blockdev-add needs a node-name for each.`
      : '',
    placement.renamed.length > 0
      ? `Nodes QEMU named itself that have several parents get a node-name so that the parents can reference them: ${listOf(placement.renamed.map(describe))}.`
      : '',
    unknownDrivers.length > 0
      ? `Drivers that blockdev-add of this build does not take (a job's implicit filter, or a newer QEMU): ${listOf(unknownDrivers)}.`
      : '',
    badRoles.length > 0
      ? `Edges whose role the parent's driver does not list for blockdev-add: ${listOf(badRoles)}.`
      : '',
  ].filter((note) => note !== '');
}

function optionNotes(graph: BlockGraph, findings: OptionFindings, describe: (name: string) => string): string[] {
  const missing = Object.values(graph.nodes).flatMap((node) => {
    const required = (catalogue.drivers[node.driver]?.ownOptions ?? []).filter(
      (option) => option.required && !isChildLink(option.type) && node.options[option.name] === undefined,
    );
    return required.length === 0 ? [] : [`'${node.id}' (${node.driver}) ${required.map((o) => o.name).join(', ')}`];
  });
  const groups = Object.keys(graph.objects).map((id) => `'${id}'`);
  return [
    groups.length > 0
      ? `Throttle groups are created without limits, which the replies do not show (qom-get reads them): ${listOf(groups)}.`
      : '',
    missing.length > 0
      ? `Options QEMU requires that the replies do not show (a protocol's own file name is not parsed): ${listOf(missing)}.`
      : '',
    findings.dropped.length > 0
      ? `Members of json: file names that are not options of the node's driver, or of a type it does not take, are not imported: ${listOf(findings.dropped.map((d) => member(d, describe)))}.`
      : '',
    findings.unreadable.length > 0
      ? `json: file names that are not a JSON object are not imported: ${listOf(findings.unreadable)}.`
      : '',
  ].filter((note) => note !== '');
}

/**
 * What the document still predicts differently from QEMU after the options were set: a refusal,
 * node values the model cannot pin, and edge permissions that depend on what the document does
 * not hold (BlockBackends, jobs).
 */
function differenceNotes(
  graph: BlockGraph,
  info: ReadonlyMap<string, NamedNodeReply>,
  edgeOf: ReadonlyMap<ChildLink, QemuEdge>,
): string[] {
  if (info.size !== Object.keys(graph.nodes).length || info.size === 0) return [];
  const resolved = resolveDocument(graph);
  const ids = Object.keys(graph.nodes);
  const values: string[] = [];
  resolved.nodes.forEach((node, i) => {
    const reply = info.get(ids[i] ?? '');
    if (reply === undefined) return;
    const same =
      node.ro === reply.ro &&
      node.cache.direct === reply.cache.direct &&
      node.cache['no-flush'] === reply.cache['no-flush'] &&
      node.detect_zeroes === reply.detectZeroes;
    if (!same) values.push(`'${ids[i] ?? ''}'`);
  });
  const perms: string[] = [];
  resolved.edges.forEach((edge, i) => {
    const link = graph.links[i];
    const qemu = link === undefined ? undefined : edgeOf.get(link);
    if (link === undefined || qemu?.perm === undefined || qemu.shared === undefined || edge.perm === undefined) return;
    const want = `${[...qemu.perm].sort().join(',')}/${[...qemu.shared].sort().join(',')}`;
    const have = `${[...edge.perm].sort().join(',')}/${[...(edge['shared-perm'] ?? [])].sort().join(',')}`;
    if (want !== have) perms.push(`'${link.parent}' ${link.role}`);
  });
  return [
    resolved.error === null ? '' : `QEMU would refuse to build the document as imported: ${resolved.error}.`,
    values.length > 0
      ? `The document does not reproduce QEMU's read-only, cache or detect-zeroes on ${listOf(values)}.`
      : '',
    perms.length > 0
      ? `Permissions on ${listOf(perms)} differ from what the document implies: they depend on users it does not hold (BlockBackends, jobs).`
      : '',
  ].filter((note) => note !== '');
}
