import { isIdTaken, type BlockGraph, type BlockNode, type ChildLink } from '../document.ts';
import { resolveOptions, type EffectiveOptions } from '../inherit/resolveOptions.ts';
import { givenOf } from '../open/given.ts';
import { openBacking } from '../open/openChildren.ts';
import { openNode } from '../open/openNode.ts';
import { newOpenState, OpenError, type OpenedNode, type OpenState } from '../open/openState.ts';
import { openTraits } from '../open/openTraits.ts';
import { crumple } from '../open/qdict.ts';
import type { ImageWork } from './imageWork.ts';
import type { Lookups, Overlay } from './docIndex.ts';
import { freeId } from './planBlockdev.ts';

/** What checkOpen knows when a node's backing file is opened. */
export interface BackingContext {
  graph: BlockGraph;
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
    bytes: new Uint8Array(),
    filename: typeof filename === 'string' ? filename : openTraits(node.driver).canonicalFilename,
    probed: false,
  };
}

/** The open simulation's state over the document as far as this blockdev-add has opened it. */
function stateOf(ctx: BackingContext, work: ImageWork): OpenState {
  const st = newOpenState(work.source);
  for (const node of [...Object.values(ctx.graph.nodes), ...Object.values(work.added.nodes)]) {
    st.nodes.set(node.id, toOpened(node, ctx.names));
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

/**
 * block.c: bdrv_open_backing_file for a node whose `backing` was not given: the backing file its
 * header names, opened by the -drive simulation's own code (relative names, json: names, probing or
 * the recorded format, the backing file's own chain). Returns QEMU's error text; on success the
 * chain joins `work.added`.
 */
export function openImplicitBacking(parent: string, ctx: BackingContext, work: ImageWork): string | undefined {
  const header = work.headers.get(parent);
  if (header?.backingFile === undefined || header.backingFile === '') return undefined;
  const st = stateOf(ctx, work);
  const known = new Set(st.nodes.keys());
  const linkCount = st.links.length;
  let failure: string | undefined;
  try {
    openBacking(openNode, st, st.nodes.get(parent) as OpenedNode, new Map(), header);
  } catch (err) {
    if (!(err instanceof OpenError)) throw err;
    failure = err.message;
  }
  const opened = [...st.nodes.values()].filter((node) => !known.has(node.id));
  const links = st.links.slice(linkCount);
  const effective = effectiveOf(parent, opened, links, ctx);
  // Checks on effective values ran while QEMU opened the chain, before any later failure.
  const checked = st.events.filter((e) => e.kind === 'error').map((e) => e.run(effective));
  const refused = checked.find((text) => text !== undefined) ?? failure;
  if (refused === undefined) adopt(opened, links, ctx, work);
  return refused;
}
