import type { BlockGraph, BlockNode, ChildLink, QomObject } from '../document.ts';
import { idRecord } from '../perms/components.ts';
import { resolveOptions, type EffectiveOptions } from '../inherit/resolveOptions.ts';
import type { JsonObject } from '../json.ts';
import { isNodeNameTooLong, isWellFormedId } from '../names.ts';
import { nodeLength } from './lengths.ts';
import { QEMU_TEXT } from './messages.ts';
import { Overlay, type Lookups } from './docIndex.ts';
import type { Plan, PlannedChild, PlannedNode } from './planBlockdev.ts';
import { checkImage, type ImageWork } from './imageWork.ts';
import { openImplicitBacking } from './implicitBacking.ts';
import { stringArg } from './types.ts';

interface OpenContext {
  graph: BlockGraph;
  /** The first link of a parent in a role, in `graph`. */
  link: (parent: string, role: string) => ChildLink | undefined;
  effective: Map<string, EffectiveOptions>;
  /** node-names taken so far (to node ids): the document's, then each new node's as QEMU assigns it. */
  names: Overlay<string>;
  /** Child ids by parent id: the document's links, then each new one as QEMU attaches it. */
  attached: Overlay<readonly string[]>;
  /** With images at hand: the headers read and the backing files opened from them. */
  work: ImageWork | undefined;
  /** How nodes opened from image headers are numbered (freeId). */
  numbered: Lookups['numbered'];
  /** The new nodes whose opening has begun (bdrv_open_inherit entered), in that order. */
  started: Set<string>;
  /** The new links attached so far (bdrv_attach_child), in that order. */
  attachedLinks: Attachment[];
  /** How many backing files are being opened around the current step (bdrv_open_backing_file). */
  backingDepth: number;
}

/** A link as it was attached: how many new nodes had begun to open then, within how many backing opens. */
interface Attachment {
  link: ChildLink;
  started: number;
  backingDepth: number;
}

/**
 * How checkOpen asks for the first permission error of the graph as far as it has been opened and
 * attached (`partial`), or undefined. Its nodes were opened with the options they inherit in
 * `whole`, the document with all the planned links (bdrv_open_inherit resolves a child's
 * inherited options from its parent before the child is attached).
 */
export type PartialPermissionCheck = (partial: BlockGraph, whole: BlockGraph) => string | undefined;

/** What a driver's open function checks before it opens its own children, by driver (data, not a switch). */
type DriverCheck = (node: PlannedNode, options: JsonObject, ctx: OpenContext) => string | undefined;

const DRIVER_CHECKS: Readonly<Record<string, DriverCheck>> = {
  quorum: checkQuorum,
  throttle: checkThrottle,
};

/** What bdrv_open_driver checks once the driver has opened the node (refresh_total_sectors). */
const AFTER_OPEN_CHECKS: Readonly<Record<string, DriverCheck>> = {
  quorum: checkQuorumLengths,
};

/** Drivers whose open function opens its children in another order than the schema lists them. */
const CHILD_OPEN_ORDER: Readonly<Record<string, readonly string[]>> = {
  // block/blkverify.c: blkverify_open opens `raw` (its bs->file), then `test`.
  blkverify: ['raw', 'test'],
};

/**
 * Opens a planned blockdev-add the way QEMU does (block.c: bdrv_open_inherit) and returns the first
 * error: a format's or filter's `file` child first, then the node's own generic checks
 * (bdrv_open_common: force-share, detect-zeroes; bdrv_assign_node_name), then its driver's checks,
 * then its other children in schema order, and `backing` last (its open errors prefixed as QEMU does).
 * With `work` (images at hand), each driver also reads its image, and a node without `backing`
 * opens the backing file its header names, which joins `work.added`. `planned` is the document
 * with the plan's nodes and links; `before` looks up the document as it was before them.
 *
 * Every attach refreshes the permissions of the parent's subtree at once (block.c:
 * bdrv_open_child → bdrv_attach_child → bdrv_refresh_perms), before the next sibling is opened. So
 * when opening fails after some children were attached, `permissionError` (if given) is asked about
 * the graph as far as it was built then (see `partialGraph`); its error, if any, came first.
 */
export function checkOpen(
  planned: BlockGraph,
  plan: Plan,
  before: Lookups,
  work?: ImageWork,
  permissionError?: PartialPermissionCheck,
): string | undefined {
  const names = new Overlay<string>((name) => before.names.get(name));
  const attached = new Overlay<readonly string[]>((id) => before.childIds(id));
  // Only the new nodes are opened, only inline links carry options, and they form a tree even when
  // a reference would close a cycle: resolve options over that subtree alone.
  const fresh = new Set<string>();
  const collect = (node: PlannedNode): void => {
    fresh.add(node.id);
    for (const child of node.children) if ('inline' in child.child) collect(child.child.inline);
  };
  collect(plan.root);
  const nodes = idRecord<BlockNode>();
  for (const id of fresh) {
    const node = planned.nodes[id];
    if (node !== undefined) nodes[id] = node;
  }
  // A fresh node's links are all new: the plan's links are the planned document's last ones.
  const links = plan.added.links.filter((link) => link.mode === 'inline' && fresh.has(link.child));
  const inline = { ...planned, nodes, links };
  const link = (parent: string, role: string): ChildLink | undefined =>
    before.link(parent, role) ?? plan.added.links.find((l) => l.parent === parent && l.role === role);
  const effective = resolveOptions(inline);
  const ctx: OpenContext = {
    graph: planned,
    link,
    effective,
    names,
    attached,
    work,
    numbered: before.numbered,
    started: new Set<string>(),
    attachedLinks: [],
    backingDepth: 0,
  };
  const problem = openNode(plan.root, ctx);
  if (problem === undefined || permissionError === undefined) return problem;
  return firstAttachError(planned, plan, fresh, ctx, permissionError) ?? problem;
}

/**
 * QEMU's error at the first attach whose permission refresh failed, or undefined. The graph only
 * grows from one attach to the next, so once an attach fails the later ones do too, and a binary
 * search finds the first.
 */
function firstAttachError(
  planned: BlockGraph,
  plan: Plan,
  fresh: ReadonlySet<string>,
  ctx: OpenContext,
  permissionError: PartialPermissionCheck,
): string | undefined {
  const attachments = ctx.attachedLinks;
  const started = [...ctx.started];
  const errorAfter = (count: number) =>
    permissionError(partialGraph(planned, plan, fresh, started, attachments.slice(0, count)), planned);
  if (attachments.length === 0 || errorAfter(attachments.length) === undefined) return undefined;
  let low = 1;
  let high = attachments.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (errorAfter(middle) === undefined) low = middle + 1;
    else high = middle;
  }
  const message = errorAfter(low);
  const depth = attachments[low - 1]?.backingDepth ?? 0;
  // Each backing file being opened around that attach prefixes it (block.c: bdrv_open_backing_file).
  let text = message;
  for (let level = 0; level < depth && text !== undefined; level++) text = QEMU_TEXT.backingOpen(text);
  return text;
}

/**
 * The document as QEMU has built it by the end of `attachments`: the nodes before the command,
 * the new nodes whose opening had begun by then, the links before it and the new links attached.
 */
function partialGraph(
  planned: BlockGraph,
  plan: Plan,
  fresh: ReadonlySet<string>,
  started: readonly string[],
  attachments: readonly Attachment[],
): BlockGraph {
  const added = new Set(plan.added.links);
  const attached = new Set(attachments.map((a) => a.link));
  const begun = new Set(started.slice(0, attachments.at(-1)?.started ?? 0));
  const nodes = idRecord<BlockNode>();
  for (const [id, node] of Object.entries(planned.nodes)) {
    if (!fresh.has(id) || begun.has(id)) nodes[id] = node;
  }
  const links = planned.links.filter((l) => !added.has(l) || attached.has(l));
  return { ...planned, nodes, links };
}

function openNode(node: PlannedNode, ctx: OpenContext): string | undefined {
  ctx.started.add(node.id);
  const early = node.children.filter((c) => c.member === 'file');
  const late = node.children.filter((c) => c.member === 'backing');
  const order = CHILD_OPEN_ORDER[node.driver] ?? [];
  const rank = (member: string) => (order.includes(member) ? order.indexOf(member) : order.length);
  const middle = node.children
    .filter((c) => c.member !== 'file' && c.member !== 'backing')
    .sort((a, b) => rank(a.member) - rank(b.member));
  const options = ctx.graph.nodes[node.id]?.options ?? {};
  // The file child is opened early (for probing) but attached by the driver, after the node is named.
  return (
    openEach(early, ctx) ??
    checkGeneric(node, ctx) ??
    attachEach(node, early, ctx) ??
    DRIVER_CHECKS[node.driver]?.(node, options, ctx) ??
    (ctx.work && checkImage(ctx.graph, ctx.work, node.id, ctx.link)) ??
    openAndAttach(node, middle, ctx) ??
    AFTER_OPEN_CHECKS[node.driver]?.(node, options, ctx) ??
    openBacking(node, late, ctx)
  );
}

/** block.c: bdrv_open_backing_file prefixes what went wrong while opening (not attaching) the backing child. */
function openBacking(parent: PlannedNode, children: readonly PlannedChild[], ctx: OpenContext): string | undefined {
  // `backing: null` (BDRV_O_NO_BACKING) opens none; an absent one, the header's.
  const absent = children.length === 0 && ctx.graph.nodes[parent.id]?.options.backing !== null;
  if (absent && ctx.work !== undefined) return openImplicitBacking(parent.id, ctx, ctx.work);
  ctx.backingDepth += 1;
  const problem = openEach(children, ctx);
  ctx.backingDepth -= 1;
  return problem === undefined ? attachEach(parent, children, ctx) : QEMU_TEXT.backingOpen(problem);
}

function openAndAttach(parent: PlannedNode, children: readonly PlannedChild[], ctx: OpenContext): string | undefined {
  for (const child of children) {
    const problem = openEach([child], ctx) ?? attachEach(parent, [child], ctx);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** Opens children: defines inline ones, looks up references. */
function openEach(children: readonly PlannedChild[], ctx: OpenContext): string | undefined {
  for (const { child } of children) {
    const problem = 'inline' in child ? openNode(child.inline, ctx) : lookup(child.reference, ctx);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** Attaches opened children to their parent. */
function attachEach(parent: PlannedNode, children: readonly PlannedChild[], ctx: OpenContext): string | undefined {
  for (const { role, child } of children) {
    const id = 'inline' in child ? child.inline.id : ctx.names.get(child.reference);
    const problem = id === undefined ? undefined : attach(parent, role, id, ctx);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** block.c: bdrv_lookup_bs (no BlockBackends in a storage daemon without exports). */
function lookup(reference: string, ctx: OpenContext): string | undefined {
  return ctx.names.has(reference) ? undefined : QEMU_TEXT.cannotFind(reference);
}

/** block.c: bdrv_attach_child_noperm refuses a child below which the parent already is. */
function attach(parent: PlannedNode, role: string, child: string, ctx: OpenContext): string | undefined {
  const seen = new Set<string>();
  const stack = [child];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (id === parent.id) {
      const childName = ctx.graph.nodes[child]?.name ?? '#block';
      return QEMU_TEXT.cycle(childName, role, parent.name ?? '#block');
    }
    if (!seen.has(id)) stack.push(...(ctx.attached.get(id) ?? []));
    seen.add(id);
  }
  ctx.attached.set(parent.id, [...(ctx.attached.get(parent.id) ?? []), child]);
  const link = ctx.link(parent.id, role);
  if (link !== undefined) ctx.attachedLinks.push({ link, started: ctx.started.size, backingDepth: ctx.backingDepth });
  return undefined;
}

/** bdrv_open_common, then bdrv_assign_node_name (the name is taken if every check passes). */
function checkGeneric(node: PlannedNode, ctx: OpenContext): string | undefined {
  const effective = ctx.effective.get(node.id);
  if (effective?.['force-share'].value === true && effective['read-only'].value !== true) return QEMU_TEXT.forceShare();
  if (effective?.['detect-zeroes'].value === 'unmap' && effective.discard.value !== 'unmap') {
    return QEMU_TEXT.detectZeroesUnmap();
  }
  const { name } = node;
  if (name === undefined) return undefined;
  if (!isWellFormedId(name)) return QEMU_TEXT.invalidNodeName(name);
  if (ctx.names.has(name)) return QEMU_TEXT.duplicateNodeName(name);
  if (isNodeNameTooLong(name)) return QEMU_TEXT.nodeNameTooLong();
  ctx.names.set(name, node.id);
  return undefined;
}

/** block/quorum.c: quorum_open, before it opens its children. */
function checkQuorum(node: PlannedNode, options: JsonObject): string | undefined {
  const count = node.children.filter((c) => c.member === 'children').length;
  if (count < 1) return QEMU_TEXT.quorumNoChildren();
  const threshold = typeof options['vote-threshold'] === 'number' ? options['vote-threshold'] : 0;
  if (threshold < 1) return QEMU_TEXT.quorumThresholdLow();
  if (threshold > count) return QEMU_TEXT.quorumThresholdHigh();
  if ((options['read-pattern'] ?? 'quorum') !== 'quorum') return undefined;
  const blkverify = options.blkverify === true;
  if (blkverify && (count !== 2 || threshold !== 2)) return QEMU_TEXT.quorumBlkverify();
  if (blkverify && options['rewrite-corrupted'] === true) return QEMU_TEXT.quorumRewrite();
  return undefined;
}

/** block/throttle.c: throttle_parse_options (after the file child is open). */
function checkThrottle(_node: PlannedNode, options: JsonObject, ctx: OpenContext): string | undefined {
  const group = stringArg(options['throttle-group']);
  const isGroup = (o: QomObject | undefined) => o?.id === group && o.qomType === 'throttle-group';
  // Objects are keyed by id: look there first, and through all of them only when that fails.
  const exists = isGroup(ctx.graph.objects[group]) || Object.values(ctx.graph.objects).some(isGroup);
  return exists ? undefined : QEMU_TEXT.noThrottleGroup(group);
}

/** block/quorum.c: quorum_getlength fails (-EIO) when two children differ in length. */
function checkQuorumLengths(node: PlannedNode, _options: JsonObject, ctx: OpenContext): string | undefined {
  const lengths = node.children.flatMap((c) => {
    const id = 'inline' in c.child ? c.child.inline.id : ctx.names.get(c.child.reference);
    return id === undefined ? [] : [nodeLength(ctx.graph, id, 0, ctx.link)];
  });
  if (lengths.some((length) => length === undefined)) return undefined;
  return new Set(lengths).size > 1 ? QEMU_TEXT.sectorCountEio() : undefined;
}
