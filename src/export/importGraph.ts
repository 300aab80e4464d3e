import {
  DOCUMENT_VERSION,
  MAX_NODE_NAME_LENGTH,
  checkGraph,
  childrenFirst,
  diagnostic,
  isWellFormedId,
  layoutLayers,
  type BlockGraph,
  type BlockNode,
  type ChildLink,
  type Diagnostic,
  type Frontend,
  type ImageSource,
  type JsonObject,
  type QomObject,
} from '../model/index.ts';

/** What an importer produces: the document, and one sentence for everything it could not say or chose. */
export interface Imported {
  graph: BlockGraph;
  notes: string[];
}

/**
 * block.c: bdrv_open_backing_file prepends "Could not open backing file: " to what goes wrong
 * while a backing file opens, once per backing level of the key path (`backing.backing.file`).
 */
export function openPrefix(path: string): string {
  return path
    .split('.')
    .filter((part) => part === 'backing')
    .map(() => 'Could not open backing file: ')
    .join('');
}

/** Where something was written: the line and column of its word or text (1-based), when known. */
export interface TextSite {
  line?: number;
  column?: number;
}

/** A reference by name, resolved once every node and drive is known (QEMU would need the order right). */
interface PendingReference {
  parent: string;
  role: string;
  name: string;
  site: TextSite;
  path: string;
}

/** A frontend whose root is a drive id or a node-name, resolved at the end. */
interface PendingFrontend {
  frontend: Frontend;
  drive: string | undefined;
  site: TextSite;
  option: string;
}

/**
 * The document an importer is building, with what it noticed. Ids are document ids: a node's
 * node-name when it is free and well-formed, otherwise `driver-N` (as uniqueId makes them).
 */
export class ImportBuilder {
  readonly nodes: Record<string, BlockNode> = {};
  readonly links: ChildLink[] = [];
  readonly objects: Record<string, QomObject> = {};
  readonly frontends: Record<string, Frontend> = {};
  readonly notes: string[] = [];
  readonly problems: Diagnostic[] = [];
  /** BlockBackend names of `-drive`s with their root node's id (undefined: no medium). */
  readonly drives = new Map<string, string | undefined>();
  private readonly references: PendingReference[] = [];
  private readonly pendingFrontends: PendingFrontend[] = [];
  private readonly taken = new Set<string>();

  constructor(readonly images: ImageSource | undefined) {}

  /** Adds a node; its id is its node-name when that is a free, well-formed id. */
  addNode(driver: string, name: string | undefined, options: JsonObject): string {
    const id = name !== undefined && isWellFormedId(name) && !this.taken.has(name) ? name : this.freshId(driver);
    this.taken.add(id);
    if (name !== undefined) this.taken.add(name);
    this.nodes[id] = { id, driver, ...(name === undefined ? {} : { name }), options };
    return id;
  }

  /** An id nobody uses yet, as node id, node-name, object or frontend id: `base-1`, `base-2`… */
  freshId(base: string): string {
    const stem = /^[A-Za-z][A-Za-z0-9._-]*$/.test(base) ? base : `n-${base.replace(/[^A-Za-z0-9._-]/g, '')}`;
    for (let n = 1; ; n++) {
      const id = `${stem}-${String(n)}`;
      if (!this.taken.has(id)) return id;
    }
  }

  /** A name nobody uses: `wanted` itself when free, else `wanted-N`. */
  freeName(wanted: string): string {
    return this.taken.has(wanted) ? this.freshId(wanted) : wanted;
  }

  /** Marks a node-name or id as used (a node named after creation, an object, a frontend). */
  take(name: string): void {
    this.taken.add(name);
  }

  /**
   * Gives an unnamed node the node-name `wanted` (or `wanted-N` when taken; its own id is always
   * free), and makes it the node's id too; returns the node's id.
   */
  nameNode(id: string, wanted: string): string {
    const node = this.nodes[id];
    if (node === undefined || node.name !== undefined) return id;
    // A node's own generated id is already unique among ids and names.
    const name = wanted === id ? id : this.freeName(wanted);
    this.taken.add(name);
    const newId = isWellFormedId(name) ? name : id;
    Reflect.deleteProperty(this.nodes, id);
    this.nodes[newId] = { ...node, id: newId, name };
    for (const [i, l] of this.links.entries()) {
      if (l.parent === id || l.child === id)
        this.links[i] = { ...l, parent: l.parent === id ? newId : l.parent, child: l.child === id ? newId : l.child };
    }
    for (const ref of this.references) if (ref.parent === id) ref.parent = newId;
    for (const [drive, root] of this.drives) if (root === id) this.drives.set(drive, newId);
    return newId;
  }

  link(parent: string, role: string, child: string): void {
    this.links.push({ parent, role, child, mode: 'inline' });
  }

  /** A child given by node-name (or drive id), linked once all nodes exist. */
  reference(parent: string, role: string, name: string, site: TextSite, path: string): void {
    this.references.push({ parent, role, name, site, path });
  }

  /** A frontend whose root is named by `drive` (a drive id or a node-name), resolved at the end. */
  addFrontend(frontend: Frontend, drive: string | undefined, site: TextSite, option: string): void {
    this.taken.add(frontend.id);
    this.frontends[frontend.id] = frontend;
    this.pendingFrontends.push({ frontend, drive, site, option });
  }

  /**
   * block.c: bdrv_assign_node_name — a node-name must be well-formed, at most 31 characters and
   * unique; false after reporting (QEMU's text) at `path` of what was written at `site`.
   */
  checkName(name: string, site: TextSite, path: string): boolean {
    const desc = !isWellFormedId(name)
      ? `Invalid node-name: '${name}'`
      : name.length > MAX_NODE_NAME_LENGTH
        ? 'Node name too long'
        : Object.values(this.nodes).some((n) => n.name === name)
          ? `Duplicate nodes with node-name='${name}'`
          : undefined;
    if (desc !== undefined) this.error(diagnostic('E412', { desc: `${openPrefix(path)}${desc}` }, { ...site, path }));
    return desc === undefined;
  }

  error(problem: Diagnostic): void {
    this.problems.push(problem);
  }

  /** The node a name stands for: a drive's root (BlockBackend names first, as bdrv_lookup_bs looks), else a node-name. */
  private lookup(name: string): { id: string | undefined; found: boolean } {
    if (this.drives.has(name)) return { id: this.drives.get(name), found: true };
    const node = Object.values(this.nodes).find((n) => n.name === name);
    return { id: node?.id, found: node !== undefined };
  }

  /** Links references and frontends, checks for cycles, lays the document out. */
  finish(): { ok: true; value: Imported } | { ok: false; diagnostics: Diagnostic[] } {
    for (const ref of this.references) {
      const { id } = this.lookup(ref.name);
      if (id === undefined) {
        const desc = `${openPrefix(ref.path)}Cannot find device='${ref.name}' nor node-name='${ref.name}'`;
        this.error(diagnostic('E412', { desc }, { ...ref.site, path: ref.path }));
      } else this.links.push({ parent: ref.parent, role: ref.role, child: id, mode: 'reference' });
    }
    for (const pending of this.pendingFrontends) this.connectFrontend(pending);
    const graph: BlockGraph = {
      blockgraph: DOCUMENT_VERSION,
      nodes: this.nodes,
      links: this.links,
      objects: this.objects,
      frontends: this.frontends,
      layout: { positions: {} },
    };
    const { cycle } = childrenFirst(graph);
    if (cycle && this.problems.length === 0) {
      const [parent = '', child = ''] = cycle;
      this.error(diagnostic('E203', { parent, child }, { node: parent }));
    }
    if (this.problems.length > 0) return { ok: false, diagnostics: this.problems };
    // What was checked on the way is what loadDocument checks: an import always loads. Should
    // anything slip through, it is reported rather than handed on.
    const invalid = checkGraph(graph).map((d) =>
      diagnostic(
        'E413',
        { reason: `the document would be invalid: ${d.message}` },
        d.path === undefined ? {} : { path: d.path },
      ),
    );
    if (invalid.length > 0) return { ok: false, diagnostics: invalid };
    return { ok: true, value: { graph: layoutLayers(graph), notes: this.notes } };
  }

  private connectFrontend({ frontend, drive, site, option }: PendingFrontend): void {
    if (drive === undefined) {
      this.notes.push(`${option}: no drive= property, so frontend '${frontend.id}' is not connected to a node`);
      return;
    }
    const { id, found } = this.lookup(drive);
    if (!found) {
      const reason = `${option}: no -drive id or node-name '${drive}' for drive=`;
      this.error(diagnostic('E413', { reason }, { ...site, path: 'drive' }));
      return;
    }
    if (id === undefined) this.notes.push(`${option}: drive '${drive}' has no medium, so the frontend has no node`);
    this.frontends[frontend.id] = { ...frontend, root: id ?? null };
  }
}
