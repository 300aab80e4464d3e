import { checkGraph } from './checkGraph.ts';
import { diagnostic, type Diagnostic } from './diagnostics.ts';
import {
  DOCUMENT_VERSION,
  type BlockGraph,
  type BlockNode,
  type ChildLink,
  type Frontend,
  type Layout,
  type Position,
  type QomObject,
} from './document.ts';
import { isJsonObject, type JsonObject } from './json.ts';
import { fail, ok, type Result } from './result.ts';

/**
 * Reads a document from JSON text, reporting a syntax error with its line and column.
 *
 * @example loadDocumentText('{"blockgraph": 1, "nodes": {}}')
 */
export function loadDocumentText(text: string): Result<BlockGraph> {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return fail(jsonSyntaxError(text, error instanceof Error ? error.message : String(error)));
  }
  const loaded = loadDocument(input);
  if (loaded.ok) return loaded;
  // A problem with the whole value (not an object) is at the value's first character.
  const start = /\S/.exec(text)?.index ?? 0;
  const before = text.slice(0, start).split('\n');
  const at = { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
  return { ok: false, diagnostics: loaded.diagnostics.map((d) => (d.path === '' ? { ...d, ...at } : d)) };
}

/**
 * Checks a parsed document's structure, builds it, and checks it against the invariants the edit
 * functions keep (`checkGraph`), in time linear in its size. Every diagnostic names its key path.
 * Options are kept verbatim; `validateDocument` checks them against the schema.
 */
export function loadDocument(input: unknown): Result<BlockGraph> {
  if (!isJsonObject(input)) return fail(diagnostic('E002', { expected: 'a JSON object' }, { path: '' }));
  if (input.blockgraph !== DOCUMENT_VERSION) {
    return fail(diagnostic('E003', { version: JSON.stringify(input.blockgraph ?? null) }, { path: 'blockgraph' }));
  }
  const problems: Diagnostic[] = [];
  // Read in document order, so diagnostics come in the order of the file.
  const nodes = readRecord(input, 'nodes', problems, readNode);
  const { links, indices } = readLinks(input, problems);
  const graph: BlockGraph = {
    blockgraph: DOCUMENT_VERSION,
    nodes,
    links,
    objects: readRecord(input, 'objects', problems, readObject),
    frontends: readRecord(input, 'frontends', problems, readFrontend),
    layout: readLayout(input, problems),
  };
  // What could be read is checked too, so one pass reports every problem.
  problems.push(...checkGraph(graph, indices));
  return problems.length > 0 ? { ok: false, diagnostics: problems } : ok(graph);
}

type Reader<T> = (id: string, value: JsonObject, path: string, problems: Diagnostic[]) => T | undefined;

function readRecord<T>(input: JsonObject, key: string, problems: Diagnostic[], read: Reader<T>): Record<string, T> {
  const value = input[key] ?? {};
  if (!isJsonObject(value)) {
    problems.push(diagnostic('E002', { expected: 'an object keyed by id' }, { path: key }));
    return {};
  }
  const out: Record<string, T> = {};
  for (const [id, item] of Object.entries(value)) {
    const path = `${key}.${id}`;
    const read_ = isJsonObject(item) ? read(id, item, path, problems) : undefined;
    if (!isJsonObject(item)) problems.push(diagnostic('E002', { expected: 'an object' }, { path }));
    if (read_ !== undefined) out[id] = read_;
  }
  return out;
}

const readNode: Reader<BlockNode> = (id, node, path, problems) => {
  const fields = expectStrings(node, path, ['driver'], problems) && optionalString(node, 'name', path, problems);
  const options = node.options ?? {};
  if (!isJsonObject(options)) problems.push(diagnostic('E002', { expected: 'an object' }, { path: `${path}.options` }));
  if (!fields || !isJsonObject(options)) return undefined;
  return { id, driver: node.driver as string, ...(typeof node.name === 'string' ? { name: node.name } : {}), options };
};

const readObject: Reader<QomObject> = (id, object, path, problems) =>
  expectStrings(object, path, ['qomType'], problems)
    ? { id, qomType: object.qomType as string, props: isJsonObject(object.props) ? object.props : {} }
    : undefined;

const readFrontend: Reader<Frontend> = (id, frontend, path, problems) => {
  if (!expectStrings(frontend, path, ['kind'], problems)) return undefined;
  const root = typeof frontend.root === 'string' ? frontend.root : null;
  return { id, kind: frontend.kind as string, root, props: isJsonObject(frontend.props) ? frontend.props : {} };
};

/** The readable links, and the input index of each (for diagnostics' paths). */
function readLinks(input: JsonObject, problems: Diagnostic[]): { links: ChildLink[]; indices: number[] } {
  const raw = input.links ?? [];
  if (!Array.isArray(raw)) {
    problems.push(diagnostic('E002', { expected: 'an array' }, { path: 'links' }));
    return { links: [], indices: [] };
  }
  const indices: number[] = [];
  const links = raw.flatMap((link, i): ChildLink[] => {
    const path = `links[${String(i)}]`;
    if (!isJsonObject(link)) {
      problems.push(diagnostic('E002', { expected: 'an object' }, { path }));
      return [];
    }
    if (!expectStrings(link, path, ['parent', 'role', 'child', 'mode'], problems)) return [];
    const { mode } = link;
    if (mode !== 'inline' && mode !== 'reference') {
      problems.push(diagnostic('E002', { expected: "'inline' or 'reference'" }, { path: `${path}.mode` }));
      return [];
    }
    indices.push(i);
    return [{ parent: link.parent as string, role: link.role as string, child: link.child as string, mode }];
  });
  return { links, indices };
}

/** The layout: positions, and the collapsed chains when the document lists any (the field is optional). */
function readLayout(input: JsonObject, problems: Diagnostic[]): Layout {
  const positions = readPositions(input, problems);
  const collapsed = readCollapsed(input, problems);
  return collapsed === undefined ? { positions } : { positions, collapsed };
}

/** `layout.collapsed`: an array of block node ids; each entry that is not a string is reported where it is. */
function readCollapsed(input: JsonObject, problems: Diagnostic[]): string[] | undefined {
  const layout = input.layout;
  const collapsed = isJsonObject(layout) ? layout.collapsed : undefined;
  if (collapsed === undefined) return undefined;
  if (!Array.isArray(collapsed)) {
    problems.push(diagnostic('E002', { expected: 'an array of block node ids' }, { path: 'layout.collapsed' }));
    return undefined;
  }
  const ids: string[] = [];
  collapsed.forEach((id, i) => {
    if (typeof id === 'string') ids.push(id);
    else problems.push(diagnostic('E002', { expected: 'a block node id' }, { path: `layout.collapsed[${String(i)}]` }));
  });
  return ids;
}

function readPositions(input: JsonObject, problems: Diagnostic[]): Record<string, Position> {
  const layout = input.layout;
  if (layout === undefined) return {};
  const positions = isJsonObject(layout) ? layout.positions : undefined;
  if (!isJsonObject(positions)) {
    problems.push(diagnostic('E002', { expected: 'an object with "positions"' }, { path: 'layout' }));
    return {};
  }
  const out: Record<string, Position> = {};
  for (const [id, position] of Object.entries(positions)) {
    if (isJsonObject(position) && typeof position.x === 'number' && typeof position.y === 'number') {
      out[id] = { x: position.x, y: position.y };
    } else {
      problems.push(diagnostic('E002', { expected: '{"x": number, "y": number}' }, { path: `layout.positions.${id}` }));
    }
  }
  return out;
}

function expectStrings(value: JsonObject, path: string, fields: readonly string[], problems: Diagnostic[]): boolean {
  const missing = fields.filter((field) => typeof value[field] !== 'string');
  for (const field of missing)
    problems.push(diagnostic('E002', { expected: 'a string' }, { path: `${path}.${field}` }));
  return missing.length === 0;
}

function optionalString(value: JsonObject, field: string, path: string, problems: Diagnostic[]): boolean {
  if (value[field] === undefined || typeof value[field] === 'string') return true;
  problems.push(diagnostic('E002', { expected: 'a string' }, { path: `${path}.${field}` }));
  return false;
}

function jsonSyntaxError(text: string, message: string): Diagnostic {
  const position = /position (\d+)/.exec(message)?.[1];
  const offset = position === undefined ? text.length : Number(position);
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = (before[before.length - 1]?.length ?? 0) + 1;
  const detail = message.replace(/ (?:in JSON )?at position \d+.*$/, '');
  return diagnostic('E001', { detail }, { line, column });
}
