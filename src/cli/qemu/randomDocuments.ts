import fc from 'fast-check';
import { graph, type GraphBuilder } from '../../model/fixtures/index.ts';
import { escapeOptionValue, toKeyval } from '../../export/index.ts';
import { childrenIndex, inlineParent, resolveOptions, type BlockGraph, type JsonObject } from '../../model/index.ts';

/**
 * Seeded random documents for differential tests: trees of the drivers QEMU opens without outside
 * resources, as in resolve.property.test.ts, plus a guest device on the root and image files with
 * names that need quoting everywhere (commas for QemuOpts and keyval, quotes, `$`, backticks, `!`
 * and newlines for the shell, non-ASCII for everything).
 */

/** Two images whose names need every kind of quoting, under a device. */
export function oddFileNames(): BlockGraph {
  return graph()
    .node('disk', 'qcow2', { cache: { direct: false } })
    .node('disk-file', 'file', { filename: `we,ird 'name' "dq" $HOME \`id\` !x é.qcow2` }, { name: null })
    .node('back', 'qcow2', {}, { name: null })
    .node('back-file', 'file', { filename: 'back,,1\n$(id).qcow2' })
    .child('disk', 'file', 'disk-file')
    .child('disk', 'backing', 'back')
    .child('back', 'file', 'back-file')
    .frontend('vda', 'virtio-blk-pci', 'disk')
    .build();
}

/** A node that keyval cannot write (`"backing": null`) beside one it can: --dotted mixes both forms. */
export function nullBacking(): BlockGraph {
  return graph()
    .node('n', 'null-co', { 'read-zeroes': true })
    .node('q', 'qcow2', { backing: null, 'read-only': true })
    .node('q-file', 'file', { filename: 'q,1.qcow2' }, { name: null })
    .child('q', 'file', 'q-file')
    .build();
}

/** A random tree of nodes: the shape of a document before ids are given. */
export interface TreeSpec {
  driver: 'null-co' | 'raw' | 'qcow2' | 'throttle' | 'copy-on-read' | 'blkdebug' | 'quorum';
  options: JsonObject;
  named: boolean;
  children: { role: string; mode: 'inline' | 'reference'; tree: TreeSpec }[];
}

const optionsArb: fc.Arbitrary<JsonObject> = fc
  .record(
    { direct: fc.boolean(), 'no-flush': fc.boolean(), 'detect-zeroes': fc.constantFrom('on', 'off') },
    { requiredKeys: [] },
  )
  .map(({ direct, 'no-flush': noFlush, 'detect-zeroes': zeroes }) => {
    const cache: JsonObject = {};
    if (direct !== undefined) cache.direct = direct;
    if (noFlush !== undefined) cache['no-flush'] = noFlush;
    return {
      ...(Object.keys(cache).length > 0 ? { cache } : {}),
      ...(zeroes === undefined ? {} : { 'detect-zeroes': zeroes }),
    };
  });

const modeArb = fc.constantFrom('inline' as const, 'reference' as const);
/** One child link of a random tree: its role, inline or by reference, and the child's tree. */
const edge = <T>(role: string, tree: fc.Arbitrary<T>) => fc.record({ role: fc.constant(role), mode: modeArb, tree });
const node = (driver: TreeSpec['driver'], children: fc.Arbitrary<TreeSpec['children']>) =>
  fc.record({ driver: fc.constant(driver), options: optionsArb, named: fc.boolean(), children });
/** Exactly one child link. */
const one = <T>(role: string, tree: fc.Arbitrary<T>) => fc.tuple(edge(role, tree)).map((c) => [...c]);

/** Trees QEMU accepts as long as blockgraph's rules hold: every node has at most one parent. */
export const treeArb: fc.Arbitrary<TreeSpec> = fc.letrec<{ tree: TreeSpec; qcow2: TreeSpec }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    node('null-co', fc.constant([])),
    node('raw', one('file', tie('tree'))),
    tie('qcow2'),
    node('throttle', one('file', tie('tree'))),
    node('copy-on-read', one('file', tie('tree'))),
    node('blkdebug', one('image', tie('tree'))),
    node('quorum', fc.array(edge('children', tie('tree')), { minLength: 1, maxLength: 3 })),
  ),
  qcow2: node(
    'qcow2',
    fc.option(edge('backing', tie('qcow2')), { nil: undefined }).map((b) => (b ? [b] : [])),
  ),
})).tree;

/**
 * The generic options of blockdev-add that decide what QEMU accepts (force-share needs read-only,
 * detect-zeroes=unmap needs discard=unmap, a writable parent refuses a read-only child), each left
 * out half the time.
 */
const genericOptionsArb: fc.Arbitrary<JsonObject> = fc.record(
  {
    'read-only': fc.boolean(),
    'auto-read-only': fc.boolean(),
    'force-share': fc.boolean(),
    discard: fc.constantFrom('ignore', 'unmap', 'on', 'off'),
    'detect-zeroes': fc.constantFrom('on', 'off', 'unmap'),
  },
  { requiredKeys: [] },
);

/** Sets of generic options to spread over a tree's nodes: most nodes get none. */
export const genericOptionSetsArb: fc.Arbitrary<JsonObject[]> = fc.array(
  fc.oneof({ arbitrary: fc.constant({}), weight: 4 }, { arbitrary: genericOptionsArb, weight: 1 }),
  { minLength: 1, maxLength: 6 },
);

/** `tree` with the option sets added to its nodes in turn (depth first, cycling through `sets`). */
export function withGenericOptions(tree: TreeSpec, sets: readonly JsonObject[]): TreeSpec {
  let next = 0;
  const visit = (node: TreeSpec): TreeSpec => {
    const extra = sets[next++ % sets.length] ?? {};
    return {
      ...node,
      options: { ...node.options, ...extra },
      children: node.children.map((child) => ({ ...child, tree: visit(child.tree) })),
    };
  };
  return visit(tree);
}

/**
 * Options a driver needs to be accepted. null-co is sized like the 64M images the harness makes,
 * since quorum refuses children of different sizes (qemuFacts.test.ts).
 */
const DRIVER_OPTIONS: Partial<Record<TreeSpec['driver'], JsonObject>> = {
  throttle: { 'throttle-group': 'tg0' },
  quorum: { 'vote-threshold': 1 },
  'null-co': { size: 64 * 1024 * 1024 },
};

/** How image files are named: plain, or hard to quote in each syntax an export passes through. */
export const FILE_NAMES: readonly ((id: string) => string)[] = [
  (id) => `${id}.qcow2`,
  (id) => `${id} a,b,,c.qcow2`,
  (id) => `${id} 'q' "dq" $HOME \`id\` !x.qcow2`,
  (id) => `${id}\nnew line é€.qcow2`,
];

/** A guest device on the root, or none. ide-hd is never read-only, so it refuses a read-only root. */
const DEVICES = [undefined, 'virtio-blk-pci', 'scsi-hd', 'ide-hd'] as const;

/** Everything random about one document. */
export interface DocumentSpec {
  tree: TreeSpec;
  rootReadOnly: boolean;
  device: (typeof DEVICES)[number];
  fileNames: number;
}

export const documentSpecArb: fc.Arbitrary<DocumentSpec> = fc
  .record({
    tree: treeArb,
    rootReadOnly: fc.boolean(),
    device: fc.constantFrom(...DEVICES),
    fileNames: fc.nat({ max: FILE_NAMES.length - 1 }),
  })
  .filter((spec) => !(spec.rootReadOnly && (hasCopyOnRead(spec.tree) || spec.device === 'ide-hd')));

/** Builds the document: ids n0, n1…; qcow2 gets its own image file; throttle its group; the root may be read-only. */
export function toDocument(spec: DocumentSpec): BlockGraph {
  const fileName = FILE_NAMES[spec.fileNames] ?? ((id: string) => `${id}.qcow2`);
  let builder: GraphBuilder = graph().object('tg0', 'throttle-group', { limits: { 'iops-total': 1000 } });
  let count = 0;
  const add = (tree: TreeSpec, isRoot: boolean): string => {
    const id = `n${String(count++)}`;
    const extra: JsonObject = DRIVER_OPTIONS[tree.driver] ?? {};
    const ro: JsonObject = isRoot && spec.rootReadOnly ? { 'read-only': true, 'force-share': true } : {};
    const named = tree.named || isRoot;
    builder = builder.node(id, tree.driver, { ...tree.options, ...extra, ...ro }, named ? {} : { name: null });
    if (tree.driver === 'qcow2') {
      builder = builder
        .node(`${id}-file`, 'file', { filename: fileName(id) }, { name: null })
        .child(id, 'file', `${id}-file`);
    }
    for (const child of tree.children) {
      const childId = add({ ...child.tree, named: child.tree.named || child.mode === 'reference' }, false);
      builder = child.mode === 'inline' ? builder.child(id, child.role, childId) : builder.ref(id, child.role, childId);
    }
    return id;
  };
  const root = add(spec.tree, true);
  if (spec.device !== undefined) builder = builder.frontend('dev0', spec.device, root);
  return builder.build();
}

/**
 * A copy-on-read filter asks its child for write-unchanged (block/copy-on-read.c: cor_child_perm),
 * which a read-only child refuses ("Block node is read-only", see qemuFacts.test.ts).
 */
export function hasCopyOnRead(tree: TreeSpec): boolean {
  return tree.driver === 'copy-on-read' || tree.children.some((c) => hasCopyOnRead(c.tree));
}

/** `count` documents drawn with `seed`: the same seed always gives the same documents. */
export function randomDocuments(count: number, seed: number): { name: string; build: () => BlockGraph }[] {
  return fc.sample(documentSpecArb, { numRuns: count, seed }).map((spec, i) => ({
    name: `random #${String(i)} (seed ${String(seed)}): ${describeTree(spec.tree)}${spec.device ? ` + ${spec.device}` : ''}`,
    build: () => toDocument(spec),
  }));
}

function describeTree(tree: TreeSpec): string {
  const children = tree.children.map((c) => `${c.mode === 'reference' ? '&' : ''}${describeTree(c.tree)}`);
  return children.length === 0 ? tree.driver : `${tree.driver}(${children.join(',')})`;
}

/** The part of a document that `root` and its descendants make up, with all objects and no frontends. */
export function subtreeDocument(doc: BlockGraph, root: string): BlockGraph {
  const children = childrenIndex(doc);
  const keep = new Set<string>();
  const stack = [root];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (keep.has(id)) continue;
    keep.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  const nodes = Object.fromEntries(Object.entries(doc.nodes).filter(([id]) => keep.has(id)));
  const links = doc.links.filter((link) => keep.has(link.parent));
  return { ...doc, nodes, links, frontends: {}, layout: { positions: {} } };
}

/**
 * `file=json:…,if=none,id=bgdrive` for node `id`, with the node's `read-only`, `cache.*` and
 * `detect-zeroes` repeated outside the JSON: -drive injects its own values for these, and they beat
 * the JSON's top level (semantics §3.5; `-drive 'file=json:{"driver":"raw",,"read-only":true,,…}'`
 * gives `ro: false`).
 */
export function driveArg(doc: BlockGraph, id: string, jsonName: string): string {
  const { 'read-only': ro, cache, 'detect-zeroes': zeroes } = doc.nodes[id]?.options ?? {};
  const lifted: JsonObject = {
    ...(ro === undefined ? {} : { 'read-only': ro }),
    ...(cache === undefined ? {} : { cache }),
  };
  if (zeroes !== undefined) lifted['detect-zeroes'] = zeroes;
  const outside = toKeyval(lifted);
  return [`file=${escapeOptionValue(jsonName)}`, 'if=none', 'id=bgdrive', ...(outside.ok ? [outside.value] : [])].join(
    ',',
  );
}

/** The document's QOM objects as JSON `-object` (qemu-system) or `--object` (qemu-img) arguments. */
export function objectArgs(doc: BlockGraph, option: string): string[] {
  return Object.values(doc.objects).flatMap((o) => [
    option,
    JSON.stringify({ 'qom-type': o.qomType, id: o.id, ...o.props }),
  ]);
}

/** Top-level nodes (no parent defines them inline): what a json: filename may be asked for. */
export function topLevel(doc: BlockGraph): string[] {
  return Object.keys(doc.nodes).filter((id) => inlineParent(doc, id) === undefined);
}

/**
 * Random documents that are graphs rather than trees, with the options that change permissions
 * (moved here from perms.differential.test.ts, which still draws the same documents from the same
 * seed): read-only and force-share on any node, blkdebug's take/unshare-child-perms lists, raw's
 * offset and size, quorum's rewrite-corrupted, preallocate filters, then top-level filters that
 * reference nodes of the tree (a node with several parents) and NBD exports. Some of these
 * documents are refused by QEMU (permission conflicts, a writable export of a read-only node):
 * exportCases.ts: acceptedDagDocuments draws the ones it builds.
 */
export interface DagTreeSpec {
  driver: 'null-co' | 'raw' | 'qcow2' | 'throttle' | 'copy-on-read' | 'blkdebug' | 'quorum' | 'preallocate';
  options: JsonObject;
  named: boolean;
  children: { role: string; mode: 'inline' | 'reference'; tree: DagTreeSpec }[];
}

/** 64 MiB: the size of the images prepareImages makes, and of every null-co (quorum wants equal sizes). */
export const MIB64 = 64 * 1024 * 1024;

const PERMS = ['consistent-read', 'write', 'write-unchanged', 'resize'] as const;

/** read-only on, off or unset, force-share only with read-only on (QEMU refuses it otherwise). */
const genericArb: fc.Arbitrary<JsonObject> = fc
  .record({ ro: fc.constantFrom(undefined, undefined, undefined, true, false), share: fc.boolean() })
  .map(({ ro, share }) => ({
    ...(ro === undefined ? {} : { 'read-only': ro }),
    ...(ro === true && share ? { 'force-share': true } : {}),
  }));

/** Driver options that change permissions; sizes never change, since quorum needs equal children. */
const DAG_DRIVER_ARBS: Partial<Record<DagTreeSpec['driver'], fc.Arbitrary<JsonObject>>> = {
  raw: fc.constantFrom({}, { offset: 0 }, { size: MIB64 }),
  blkdebug: fc.record(
    {
      'take-child-perms': fc.subarray([...PERMS], { minLength: 1 }),
      'unshare-child-perms': fc.subarray([...PERMS], { minLength: 1 }),
    },
    { requiredKeys: [] },
  ),
  quorum: fc.record({ 'rewrite-corrupted': fc.boolean() }).map((o) => ({ ...o, 'vote-threshold': 1 })),
};

const dagNode = (
  driver: DagTreeSpec['driver'],
  children: fc.Arbitrary<DagTreeSpec['children']>,
): fc.Arbitrary<DagTreeSpec> =>
  fc
    .record({ generic: genericArb, own: DAG_DRIVER_ARBS[driver] ?? fc.constant({}), named: fc.boolean(), children })
    .map(({ generic, own, named, children: c }) => ({ driver, options: { ...own, ...generic }, named, children: c }));

/** Trees of every driver above; each node has at most one parent within the tree. */
export const dagTreeArb: fc.Arbitrary<DagTreeSpec> = fc.letrec<{ tree: DagTreeSpec; qcow2: DagTreeSpec }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    dagNode('null-co', fc.constant([])),
    dagNode('raw', one('file', tie('tree'))),
    tie('qcow2'),
    dagNode('throttle', one('file', tie('tree'))),
    dagNode('copy-on-read', one('file', tie('tree'))),
    dagNode('blkdebug', one('image', tie('tree'))),
    dagNode('preallocate', one('file', tie('tree'))),
    dagNode('quorum', fc.array(edge('children', tie('tree')), { minLength: 1, maxLength: 3 })),
  ),
  qcow2: dagNode(
    'qcow2',
    fc.option(edge('backing', tie('qcow2')), { nil: undefined }).map((b) => (b ? [b] : [])),
  ),
})).tree;

const DAG_DRIVER_OPTIONS: Partial<Record<DagTreeSpec['driver'], JsonObject>> = {
  throttle: { 'throttle-group': 'tg0' },
  'null-co': { size: MIB64 },
};

/** Drivers of the extra parents, and the role of their one child. */
const EXTRA_PARENTS = { raw: 'file', blkdebug: 'image', 'copy-on-read': 'file', throttle: 'file' } as const;
type ExtraDriver = keyof typeof EXTRA_PARENTS;

/** Extra parents (top-level filters referencing a tree node) and NBD exports, on named nodes picked by index. */
export interface Extras {
  parents: { target: number; driver: ExtraDriver; options: JsonObject }[];
  exports: { target: number; writable: boolean }[];
}

const extraParentArb = fc
  .record({
    target: fc.nat(),
    driver: fc.constantFrom(...(Object.keys(EXTRA_PARENTS) as ExtraDriver[])),
    generic: genericArb,
    raw: DAG_DRIVER_ARBS.raw ?? fc.constant({}),
    debug: DAG_DRIVER_ARBS.blkdebug ?? fc.constant({}),
  })
  .map(({ target, driver, generic, raw, debug }) => {
    const own = driver === 'raw' ? raw : driver === 'blkdebug' ? debug : {};
    return { target, driver, options: { ...own, ...(DAG_DRIVER_OPTIONS[driver] ?? {}), ...generic } };
  });

export const extrasArb: fc.Arbitrary<Extras> = fc.record({
  parents: fc.array(extraParentArb, { maxLength: 3 }),
  exports: fc.array(fc.record({ target: fc.nat(), writable: fc.boolean() }), { maxLength: 2 }),
});

/** An `nbd-export` frontend `id` on `root`, writable or not. */
export const exportOf = (b: GraphBuilder, id: string, root: string, writable: boolean): GraphBuilder =>
  b.frontend(id, 'nbd-export', root, { writable });

/** The document: ids n0, n1… and x0, x1… for extra parents; quorum children numbered; every qcow2 over its own image file. */
export function dagDocument(tree: DagTreeSpec, extras: Extras): BlockGraph {
  let b: GraphBuilder = graph().object('tg0', 'throttle-group', { limits: { 'iops-total': 1000 } });
  let count = 0;
  const named: string[] = [];
  const add = (spec: DagTreeSpec, isRoot: boolean): string => {
    const id = `n${String(count++)}`;
    const isNamed = spec.named || isRoot;
    if (isNamed) named.push(id);
    b = b.node(
      id,
      spec.driver,
      { ...spec.options, ...(DAG_DRIVER_OPTIONS[spec.driver] ?? {}) },
      isNamed ? {} : { name: null },
    );
    if (spec.driver === 'qcow2')
      b = b.node(`${id}-file`, 'file', { filename: `${id}.qcow2` }, { name: null }).child(id, 'file', `${id}-file`);
    spec.children.forEach((c, i) => {
      const childId = add({ ...c.tree, named: c.tree.named || c.mode === 'reference' }, false);
      const role = c.role === 'children' ? `children.${String(i)}` : c.role;
      b = c.mode === 'inline' ? b.child(id, role, childId) : b.ref(id, role, childId);
    });
    return id;
  };
  add(tree, true);
  extras.parents.forEach((p, i) => {
    const target = named[p.target % named.length] ?? 'n0';
    b = b.node(`x${String(i)}`, p.driver, p.options).ref(`x${String(i)}`, EXTRA_PARENTS[p.driver], target);
    named.push(`x${String(i)}`);
  });
  extras.exports.forEach(
    (e, i) => (b = exportOf(b, `e${String(i)}`, named[e.target % named.length] ?? 'n0', e.writable)),
  );
  return b.build();
}

/** QEMU refuses force-share on a writable node before permissions matter; such documents are skipped. */
export function forceShareOnWritable(doc: BlockGraph): boolean {
  return [...resolveOptions(doc).values()].some(
    (o) => o['force-share'].value === true && o['read-only'].value !== true,
  );
}
