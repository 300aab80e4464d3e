import { diagnostic, type Diagnostic } from '../diagnostics.ts';
import { isJsonObject, type JsonValue } from '../json.ts';
import { fail, ok, type Result } from '../result.ts';
import { JsonReader, JsonTextError, lineColumn, type Located } from './jsonText.ts';
import type { QmpCommand } from './types.ts';

/** Members a QMP command may have besides `execute` and `arguments` (dropped). */
const IGNORED_MEMBERS: ReadonlySet<string> = new Set(['id']);

/**
 * Reads a QMP script: a JSON array of commands, or commands one after another (JSON lines; blank
 * lines and pretty-printed commands are fine). A leading `qmp_capabilities` (the handshake) is dropped,
 * as is `id`; a later one stays a command (QEMU refuses it: negotiation is over).
 * Errors carry the line and column of the offending text: E001 for JSON syntax, E002 for a
 * command of the wrong shape.
 *
 * @example parseQmpScript('{"execute":"blockdev-del","arguments":{"node-name":"n0"}}') // ok([{ execute: 'blockdev-del', … }])
 */
export function parseQmpScript(text: string): Result<QmpCommand[]> {
  let items: Located[];
  try {
    items = readItems(text);
  } catch (error) {
    if (!(error instanceof JsonTextError)) throw error;
    return fail(diagnostic('E001', { detail: error.message }, lineColumn(text, error.offset)));
  }
  const problems: Diagnostic[] = [];
  const commands: QmpCommand[] = [];
  for (const [index, item] of items.entries()) {
    const command = toCommand(item, text, problems);
    const handshake = index === 0 && command?.execute === 'qmp_capabilities';
    if (command !== undefined && !handshake) commands.push(command);
  }
  return problems.length > 0 ? { ok: false, diagnostics: problems } : ok(commands);
}

function readItems(text: string): Located[] {
  const reader = new JsonReader(text);
  if (reader.peek() === '[') {
    const items = reader.arrayElements();
    if (!reader.atEnd()) throw new JsonTextError('unexpected text after the array', reader.position());
    return items;
  }
  const items: Located[] = [];
  while (!reader.atEnd()) items.push(reader.located());
  return items;
}

function toCommand(item: Located, text: string, problems: Diagnostic[]): QmpCommand | undefined {
  const shape = commandShape(item.value);
  if (typeof shape === 'string') {
    problems.push(diagnostic('E002', { expected: shape }, lineColumn(text, item.start)));
    return undefined;
  }
  return shape;
}

/** The command, or what was expected instead. */
function commandShape(value: JsonValue): QmpCommand | string {
  if (!isJsonObject(value)) return 'a command: a JSON object with "execute"';
  const extra = Object.keys(value).find((key) => key !== 'execute' && key !== 'arguments' && !IGNORED_MEMBERS.has(key));
  if (extra !== undefined) return `only "execute", "arguments" and "id" in a command, not "${extra}"`;
  if (typeof value.execute !== 'string') return '"execute" to be a string naming the command';
  const args = value.arguments;
  if (args === undefined) return { execute: value.execute };
  if (!isJsonObject(args)) return '"arguments" to be a JSON object';
  return { execute: value.execute, arguments: args };
}
