import { isIdTaken, type BlockGraph, type BlockNode, type ChildLink } from '../document.ts';
import { driverSpec } from '../drivers/index.ts';
import type { ImageHeader } from '../images/probeImage.ts';
import { resolveOptions, type EffectiveOptions } from '../inherit/resolveOptions.ts';
import { givenOf } from '../open/given.ts';
import { openBacking } from '../open/openChildren.ts';
import { openNode } from '../open/openNode.ts';
import {
  BaseIdClash,
  newOpenState,
  nodeOf,
  OpenError,
  type OpenBase,
  type OpenedNode,
  type OpenState,
} from '../open/openState.ts';
import { openTraits } from '../open/openTraits.ts';
import { crumple } from '../open/qdict.ts';
import type { ImageWork } from './imageWork.ts';
import type { Lookups, Overlay } from './docIndex.ts';
import { freeId } from './planBlockdev.ts';

/** What checkOpen knows when a node's backing file is opened. */
export interface BackingContext {
  graph: BlockGraph;
  /** The first link of a parent in a role, in `graph`. */
  link: (parent: string, role: string) => ChildLink | undefined;
  effective: ReadonlyMap<string, EffectiveOptions>;
  names: Overlay<string>;
  attached: Overlay<readonly string[]>;
  /** How the opened nodes are numbered (freeId); by default from 1. */
  numbered?: Lookups['numbered'];
}

const NOT_IN_DOCUMENT = new Set(['driver', 'node-name']);

/** A document node as the open simulation sees it: named only once QEMU has assigned its name. */
function toOpened(node: BlockNode, names: Overlay<string>): OpenedNode {
  const filename = node.options.filename;
  return {
    id: node.id,
    driver: node.driver,
    nodeName: node.name !== undefined && names.get(node.name) === node.id ? node.name : undefined,
    own: new Map(),
    forced: {},
    nativeAio: false,
    // Not read: a format that a json: backing name puts over a document node finds no image there.
    // QEMU reads it (a known gap: reading it needs the permission checks QEMU makes on attach,
    // which this open does not make, or a chain may loop through it).
    bytes: new Uint8Array(),
    filename: typeof filename === 'string' ? filename : openTraits(node.driver).canonicalFilename,
    probed: false,
  };
}

/** A document node, among the graph's and those this command opened from headers. */
function documentNode(ctx: BackingContext, work: ImageWork, id: string): BlockNode | undefined {
  return Object.hasOwn(ctx.graph.nodes, id) ? ctx.graph.nodes[id] : work.added.nodes[id];
}

/** The child roles a driver marks primary (block.c: bdrv_dirname follows them down to a file). */
function primaryRoles(driver: string): string[] {
  const children = driverSpec(driver)?.children ?? {};
  return Object.keys(children).filter((role) => children[role]?.flags.includes('primary') === true);
}

/**
 * The document as far as this blockdev-add has opened it, as the open simulation reads it: each
 * lookup costs what one node and its links cost, whatever the document's size (the document's
 * node-names through `names`, its links through `link`). It answers as a copy of every node and
 * link put in the state would, for a document whose nodes are keyed by their ids.
 */
function documentBase(ctx: BackingContext, work: ImageWork): OpenBase {
  const firstLink = (parent: string, role: string) =>
    ctx.link(parent, role) ?? work.added.links.find((l) => l.parent === parent && l.role === role);
  return {
    node: (id) => {
      const node = documentNode(ctx, work, id);
      return node === undefined ? undefined : toOpened(node, ctx.names);
    },
    named: (name) => {
      const id = ctx.names.get(name);
      return id !== undefined && documentNode(ctx, work, id)?.name === name ? id : undefined;
    },
    primaryLink: (parent) => {
      const roles = primaryRoles(documentNode(ctx, work, parent)?.driver ?? '');
      const found = roles.flatMap((role) => firstLink(parent, role) ?? []);
      // Links in two primary roles (no driver has two): only document order tells which is first.
      if (found.length < 2) return found[0];
      return [...ctx.graph.links, ...work.added.links].find((l) => l.parent === parent && roles.includes(l.role));
    },
  };
}

/** The open simulation's state with a copy of every document node and link (what documentBase reads through to). */
function copiedState(ctx: BackingContext, work: ImageWork): OpenState {
  const st = newOpenState(work.source);
  for (const node of [...Object.values(ctx.graph.nodes), ...Object.values(work.added.nodes)]) {
    const opened = toOpened(node, ctx.names);
    st.nodes.set(node.id, opened);
    if (opened.nodeName !== undefined) st.names.set(opened.nodeName, node.id);
  }
  st.links.push(...ctx.graph.links, ...work.added.links);
  return st;
}

/**
 * Effective options of the nodes just opened, keyed as the open simulation names them: the parent
 * keeps what checkOpen resolved for it, each new node gets its json: and header values
 * (block.c: bdrv_backing_options via bdrv_inherited_options, resolveOptions).
 */
function effectiveOf(parent: string, opened: readonly OpenedNode[], links: readonly ChildLink[], ctx: BackingContext) {
  const nodes: Record<string, BlockNode> = {};
  const own = ctx.graph.nodes[parent];
  if (own !== undefined) nodes[parent] = own;
  for (const node of opened) nodes[node.id] = { id: node.id, driver: node.driver, options: {} };
  const inside = links.filter((l) => Object.hasOwn(nodes, l.parent) && Object.hasOwn(nodes, l.child));
  const byId = new Map(opened.map((node) => [node.id, node]));
  const mini = { ...ctx.graph, nodes, links: inside };
  return resolveOptions(mini, (node) => {
    const fresh = byId.get(node.id);
    return fresh === undefined ? (ctx.effective.get(node.id) ?? {}) : givenOf(fresh.own, fresh.forced);
  });
}

/** Gives the opened nodes document ids and adds them, their links and their given values to `work`. */
function adopt(opened: readonly OpenedNode[], links: readonly ChildLink[], ctx: BackingContext, work: ImageWork): void {
  const ids = new Map<string, string>();
  const taken = (id: string) => isIdTaken(ctx.graph, id) || Object.hasOwn(work.added.nodes, id);
  for (const node of opened) {
    const id = freeId(taken, node.driver, node.nodeName, ctx.numbered);
    ids.set(node.id, id);
    const options = crumple(node.own, NOT_IN_DOCUMENT);
    work.added.nodes[id] = {
      id,
      driver: node.driver,
      options,
      ...(node.nodeName === undefined ? {} : { name: node.nodeName }),
    };
    work.added.given.set(id, givenOf(node.own, node.forced));
    if (node.nodeName !== undefined) ctx.names.set(node.nodeName, id);
  }
  for (const link of links) {
    const adopted = { ...link, parent: ids.get(link.parent) ?? link.parent, child: ids.get(link.child) ?? link.child };
    work.added.links.push(adopted);
    ctx.attached.set(adopted.parent, [...(ctx.attached.get(adopted.parent) ?? []), adopted.child]);
  }
}

/** How openImplicitBacking sees the document: read through (the default), or copied into the state (the reference). */
export type DocumentAccess = 'read' | 'copy';

/**
 * block.c: bdrv_open_backing_file for a node whose `backing` was not given: the backing file its
 * header names, opened by the -drive simulation's own code (relative names, json: names, probing or
 * the recorded format, the backing file's own chain). Returns QEMU's error text; on success the
 * chain joins `work.added`. The open reads the document through lookups, so that its cost does not
 * grow with the document; `access: 'copy'` copies every node into the state instead (the
 * reference it is tested against), as it also does when an opened node's provisional id (`#…`)
 * is a document id.
 */
export function openImplicitBacking(
  parent: string,
  ctx: BackingContext,
  work: ImageWork,
  access: DocumentAccess = 'read',
): string | undefined {
  const header = work.headers.get(parent);
  if (header?.backingFile === undefined || header.backingFile === '') return undefined;
  const open = (st: OpenState) => openChain(st, parent, header);
  let done: Opened;
  try {
    done = open(access === 'copy' ? copiedState(ctx, work) : newOpenState(work.source, documentBase(ctx, work)));
  } catch (err) {
    if (!(err instanceof BaseIdClash)) throw err;
    done = open(copiedState(ctx, work));
  }
  const effective = effectiveOf(parent, done.opened, done.links, ctx);
  // Checks on effective values ran while QEMU opened the chain, before any later failure.
  const checked = done.events.filter((e) => e.kind === 'error').map((e) => e.run(effective));
  const refused = checked.find((text) => text !== undefined) ?? done.failure;
  if (refused === undefined) adopt(done.opened, done.links, ctx, work);
  return refused;
}

/** What opening a header's backing chain added to a state, and the structural failure that stopped it. */
interface Opened {
  opened: OpenedNode[];
  links: ChildLink[];
  events: OpenState['events'];
  failure: string | undefined;
}

/** Opens `parent`'s header backing chain in `st`; returns the nodes and links it added. */
function openChain(st: OpenState, parent: string, header: ImageHeader): Opened {
  const known = new Set(st.nodes.keys());
  const linkCount = st.links.length;
  let failure: string | undefined;
  try {
    openBacking(openNode, st, nodeOf(st, parent) as OpenedNode, new Map(), header);
  } catch (err) {
    if (!(err instanceof OpenError)) throw err;
    failure = err.message;
  }
  const opened = [...st.nodes.values()].filter((node) => !known.has(node.id));
  return { opened, links: st.links.slice(linkCount), events: st.events, failure };
}
