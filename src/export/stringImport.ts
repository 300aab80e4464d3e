import {
  JsonReader,
  JsonTextError,
  diagnostic,
  fail,
  isJsonObject,
  lineColumn,
  parseQemuJson,
  type Diagnostic,
  type ImageSource,
  type JsonObject,
  type Result,
} from '../model/index.ts';
import { fromCommandLine, importWords, type Word } from './cmdlineImport.ts';
import { ImportBuilder, type Imported } from './importGraph.ts';
import { buildNode } from './importNode.ts';

/**
 * Single option strings, as users paste them from a libvirt log or a how-to: a `-drive` value, a
 * `-blockdev` value (JSON or dotted), a `json:` filename. Each is read as the command-line
 * importer reads that option, so they import exactly as they would inside a command line.
 */

/** The text without surrounding blanks, and where it starts (1-based line and column). */
function trimmed(text: string): Word {
  const start = text.length - text.trimStart().length;
  return { text: text.trim(), ...lineColumn(text, start) };
}

/** `-drive VALUE` / `-blockdev VALUE` at the start: the text is a command line (shell quoting applies). */
function startsWithOption(text: string, option: string): boolean {
  return new RegExp(`^--?${option}(\\s|$)`).test(text.trimStart());
}

/**
 * A `-drive` value (`file=a.qcow2,format=qcow2,cache=none`) as a document: its nodes, the root
 * named after the drive (`none0` unless `id=` says otherwise), notes as for a command line. With a
 * leading `-drive` the text is read as shell words, so quotes work; without it the whole text
 * (blanks trimmed) is the value.
 *
 * @example fromDriveString('file=a.qcow2,format=qcow2,cache=none') // ok: none0 (qcow2, cache.direct) → file
 */
export function fromDriveString(text: string, images?: ImageSource): Result<Imported> {
  if (startsWithOption(text, 'drive')) return fromCommandLine(text, images);
  const value = trimmed(text);
  return importWords([{ ...value, text: '-drive' }, value], images);
}

/**
 * A `-blockdev` value, JSON (`{"driver": "qcow2", …}`) or dotted (`driver=qcow2,node-name=d,…`
 * or `qcow2,node-name=d,…`), as a document. A JSON syntax error names its line and column in the
 * text; other errors their key path. With a leading `-blockdev` the text is read as shell words.
 *
 * @example fromBlockdevString('{"driver":"null-co","node-name":"n0"}') // ok: one null-co node 'n0'
 */
export function fromBlockdevString(text: string, images?: ImageSource): Result<Imported> {
  if (startsWithOption(text, 'blockdev')) return fromCommandLine(text, images);
  const value = trimmed(text);
  if (value.text.startsWith('{')) {
    const syntax = jsonSyntax(text);
    if (syntax !== undefined) return fail(syntax);
  }
  return importWords([{ ...value, text: '-blockdev' }, value], images);
}

/**
 * QEMU's error for JSON it cannot read, at the line and column where reading stopped (located
 * with a strict JSON reader: QEMU's own also takes single-quoted strings, so the position is
 * exact for standard JSON).
 */
function jsonSyntax(text: string, prefix = 0): Diagnostic | undefined {
  const body = text.slice(prefix);
  const parsed = parseQemuJson(body);
  if (parsed.ok) return undefined;
  let offset = body.length;
  try {
    const reader = new JsonReader(body);
    reader.located();
    if (!reader.atEnd()) offset = reader.position();
  } catch (error) {
    if (!(error instanceof JsonTextError)) throw error;
    offset = error.offset;
  }
  return diagnostic('E001', { detail: parsed.message }, lineColumn(text, prefix + offset));
}

/**
 * A `json:{…}` pseudo-filename as a document: what QEMU opens for it (block.c: bdrv_open_inherit
 * with parse_json_protocol — the parsed dict is the node's options, and bdrv_fill_options picks the
 * driver, probing the image when the dict names none). The root is named after its driver when the
 * JSON gives no node-name, since a document's top-level nodes need one.
 *
 * @example fromJsonFilename('json:{"driver":"raw","file":{"driver":"null-co"}}') // ok: raw-1 → null-co
 */
export function fromJsonFilename(text: string, images?: ImageSource): Result<Imported> {
  const start = text.length - text.trimStart().length;
  if (!text.startsWith('json:', start)) {
    return fail(diagnostic('E413', { reason: 'a json: filename starts with "json:"' }, lineColumn(text, start)));
  }
  const body = text.slice(start + 'json:'.length).trimEnd();
  const syntax = jsonSyntax(text.trimEnd(), start + 'json:'.length);
  if (syntax !== undefined) return fail(syntax);
  const parsed = parseQemuJson(body);
  const where = lineColumn(text, start);
  if (!parsed.ok || !isJsonObject(parsed.value)) {
    return fail(diagnostic('E412', { desc: 'Invalid JSON object given' }, where));
  }
  const b = new ImportBuilder(images);
  const tree: JsonObject = parsed.value;
  const id = buildNode(b, { tree, protocol: false, mode: 'legacy', site: where, path: '', label: 'json: filename' });
  if (id !== undefined && b.nodes[id]?.name === undefined) {
    const named = b.nameNode(id, id);
    b.notes.push(`json: filename: its top node has no node-name; the document names it '${named}'`);
  }
  return b.finish();
}
