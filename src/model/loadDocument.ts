import { diagnostic, type Diagnostic } from './diagnostics.ts';
import { DOCUMENT_VERSION, emptyGraph, type BlockGraph, type LinkMode, type Position } from './document.ts';
import { addNode } from './edits/addNode.ts';
import { connectChild } from './edits/connectChild.ts';
import { addFrontend, addObject, moveTo } from './edits/frontendsAndObjects.ts';
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
  return loadDocument(input);
}

/**
 * Checks a parsed document's structure and rebuilds it through the edit functions, so a loaded
 * document obeys the same invariants as an edited one. Every diagnostic names its key path.
 * Options are kept verbatim; `validateDocument` checks them against the schema.
 */
export function loadDocument(input: unknown): Result<BlockGraph> {
  if (!isJsonObject(input)) return fail(diagnostic('E002', { expected: 'a JSON object' }, { path: '' }));
  if (input.blockgraph !== DOCUMENT_VERSION) {
    return fail(diagnostic('E003', { version: JSON.stringify(input.blockgraph ?? null) }, { path: 'blockgraph' }));
  }
  const problems: Diagnostic[] = [];
  let graph = emptyGraph();
  const apply: Apply = (path, edit) => {
    const result = edit(graph);
    if (result.ok) graph = result.value;
    else problems.push(...result.diagnostics.map((d) => ({ ...d, path: d.path ? `${path}.${d.path}` : path })));
  };
  for (const [key, node] of entries(input, 'nodes', problems)) {
    const path = `nodes.${key}`;
    if (!expectFields(node, path, { driver: 'string' }, problems)) continue;
    const name = node.name === undefined ? null : node.name;
    if (name !== null && typeof name !== 'string') {
      problems.push(diagnostic('E002', { expected: 'a string' }, { path: `${path}.name` }));
      continue;
    }
    const options = node.options ?? {};
    if (!isJsonObject(options)) {
      problems.push(diagnostic('E002', { expected: 'an object' }, { path: `${path}.options` }));
      continue;
    }
    const args = { id: key, driver: node.driver as string, name, options };
    apply(path, (g) => graphOf(addNode(g, args)));
  }
  readLinks(input, problems, apply);
  for (const [key, object] of entries(input, 'objects', problems)) {
    const path = `objects.${key}`;
    if (!expectFields(object, path, { qomType: 'string' }, problems)) continue;
    const props = isJsonObject(object.props) ? object.props : {};
    const args = { id: key, qomType: object.qomType as string, props };
    apply(path, (g) => graphOf(addObject(g, args)));
  }
  for (const [key, frontend] of entries(input, 'frontends', problems)) {
    const path = `frontends.${key}`;
    if (!expectFields(frontend, path, { kind: 'string' }, problems)) continue;
    const root = typeof frontend.root === 'string' ? frontend.root : null;
    const props = isJsonObject(frontend.props) ? frontend.props : {};
    const args = { id: key, kind: frontend.kind as string, root, props };
    apply(path, (g) => graphOf(addFrontend(g, args)));
  }
  graph = readPositions(input, graph, problems);
  return problems.length > 0 ? { ok: false, diagnostics: problems } : ok(graph);
}

/** Runs one edit on the document being rebuilt; a refusal is recorded under `path`. */
type Apply = (path: string, edit: (graph: BlockGraph) => Result<BlockGraph>) => void;

function graphOf(result: Result<{ graph: BlockGraph }>): Result<BlockGraph> {
  return result.ok ? ok(result.value.graph) : result;
}

function readLinks(input: JsonObject, problems: Diagnostic[], apply: Apply): void {
  const links = input.links ?? [];
  if (!Array.isArray(links)) {
    problems.push(diagnostic('E002', { expected: 'an array' }, { path: 'links' }));
    return;
  }
  links.forEach((link, i) => {
    const path = `links[${String(i)}]`;
    const fields = { parent: 'string', role: 'string', child: 'string', mode: 'string' } as const;
    if (!expectFields(link, path, fields, problems)) return;
    if (link.mode !== 'inline' && link.mode !== 'reference') {
      problems.push(diagnostic('E002', { expected: "'inline' or 'reference'" }, { path: `${path}.mode` }));
      return;
    }
    const mode: LinkMode = link.mode;
    const args = { parent: link.parent as string, role: link.role as string, child: link.child as string, mode };
    apply(path, (g) => connectChild(g, args));
  });
}

function readPositions(input: JsonObject, graph: BlockGraph, problems: Diagnostic[]): BlockGraph {
  const layout = input.layout;
  if (layout === undefined) return graph;
  const positions = isJsonObject(layout) ? layout.positions : undefined;
  if (!isJsonObject(positions)) {
    problems.push(diagnostic('E002', { expected: 'an object with "positions"' }, { path: 'layout' }));
    return graph;
  }
  let placed = graph;
  for (const [id, position] of Object.entries(positions)) {
    if (isJsonObject(position) && typeof position.x === 'number' && typeof position.y === 'number') {
      placed = moveTo(placed, id, { x: position.x, y: position.y } satisfies Position);
    } else {
      problems.push(diagnostic('E002', { expected: '{"x": number, "y": number}' }, { path: `layout.positions.${id}` }));
    }
  }
  return placed;
}

function entries(input: JsonObject, key: string, problems: Diagnostic[]): [string, JsonObject][] {
  const value = input[key] ?? {};
  if (!isJsonObject(value)) {
    problems.push(diagnostic('E002', { expected: 'an object keyed by id' }, { path: key }));
    return [];
  }
  return Object.entries(value).flatMap(([id, item]): [string, JsonObject][] => {
    if (isJsonObject(item)) return [[id, item]];
    problems.push(diagnostic('E002', { expected: 'an object' }, { path: `${key}.${id}` }));
    return [];
  });
}

function expectFields(
  value: unknown,
  path: string,
  fields: Readonly<Record<string, 'string'>>,
  problems: Diagnostic[],
): value is JsonObject {
  if (!isJsonObject(value)) {
    problems.push(diagnostic('E002', { expected: 'an object' }, { path }));
    return false;
  }
  const missing = Object.keys(fields).filter((field) => typeof value[field] !== 'string');
  for (const field of missing) problems.push(diagnostic('E002', { expected: 'a string' }, { path: `${path}.${field}` }));
  return missing.length === 0;
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
