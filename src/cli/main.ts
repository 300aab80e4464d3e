import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import {
  checkDocument,
  fromCommandLine,
  fromQmpScript,
  importText,
  judgeScript,
  toQmpScript,
} from '../export/index.ts';
import {
  formatDiagnostic,
  resolveCommandLine,
  splitCommandLine,
  type BlockGraph,
  type Diagnostic,
} from '../model/index.ts';
import { fileImages } from './fileImages.ts';
import { runExport } from './exportCommand.ts';
import { readInput, type Input } from './readInput.ts';

/** Where the CLI writes; injectable so tests can run `main` in-process. */
export interface Streams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const USAGE = `usage: blockgraph <command> FILE [options]

commands:
  export FILE --to FORMAT          print the document in another form; FORMAT is one of
    qmp [--lines]                  a QMP script (JSON array, or JSON lines with --lines)
        [--flat]                   every node its own blockdev-add, children first and named
                                   (default: inline children nested in their parent)
        [--explicit|--minimal]     write every generic option's effective value on every node,
                                   or only what inheritance and defaults do not give anyway
                                   (default: the document's options); same result either way
        [--rollback]               the script that undoes it: blockdev-del, then object-del
    blockdev [--dotted]            -object, -blockdev and -device arguments, shell-quoted
                                   (-blockdev as JSON, or in keyval syntax with --dotted)
    drive                          -object, legacy -drive (if=none, dotted keys, cache= modes)
                                   and -device arguments, shell-quoted; refused with the reason
                                   when a node cannot be written as -drive
    json-filename [--node ID]      a json: pseudo-filename for a node and its inline subtree
                                   (--node may be left out when the document has one root)
    cmdline [--dotted]             a whole qemu-system-x86_64 command line, shell-quoted
    document                       the blockgraph document itself (of a QMP script: its final state)
  validate FILE                    print the document's diagnostics (schema, then QEMU's own
                                   refusals); exit 1 if there are errors
  resolve FILE                     print what QEMU builds: nodes with their effective options and
                                   edges, in QEMU's field names; exit 1 with "error" if QEMU refuses

FILE is a blockgraph document (.blockgraph.json), a QMP script (a JSON array or JSON lines of
{"execute": …}; export and validate read it as the state it leaves), a QEMU command line (with
or without the program name, backslash-newline continuations and shell quotes), a lone -drive or
-blockdev value, a json: filename, or QEMU's query-named-block-nodes / x-debug-query-block-graph
replies; the form is detected and, unless it is a document, named on stderr ("FILE: read as …"). "-" reads standard
input. Images are read as QEMU reads them: relative paths from the current directory, backing
files named in image headers included.
`;

/** Runs one CLI invocation and returns its exit status (0 ok, 1 diagnostics, 2 usage). */
export async function main(argv: readonly string[], io: Streams): Promise<number> {
  const args = parseCommandLine(argv, io);
  if (typeof args === 'number') return args;
  const { command, file, values } = args;
  const text = await readFileText(file, io);
  if (text === undefined) return 1;
  const read = readInput(text, fileImages(process.cwd()));
  // The native form goes without saying; any other is named, so a surprise shows at once.
  if (!read.ok || read.input.kind !== 'document') io.stderr.write(`${file}: read as ${read.detected}\n`);
  if (!read.ok) return report(io, file, read.diagnostics);
  if (command === 'resolve') return resolve(io, file, read.input);
  const graph = documentOf(io, file, read.input);
  if (typeof graph === 'number') return graph;
  if (command === 'validate') {
    const problems = checkDocument(graph);
    if (problems.length === 0) io.stdout.write(`${file}: no problems\n`);
    return problems.length === 0 ? 0 : report(io, file, problems);
  }
  return runExport(graph, file, values, io);
}

/**
 * The document an input stands for: itself, the state a QMP script leaves qemu-storage-daemon in,
 * or what the importer makes of the other forms (images read from the current directory; its
 * notes go to stderr); an exit status when there is none.
 */
function documentOf(io: Streams, file: string, input: Input): BlockGraph | number {
  if (input.kind === 'document') return input.graph;
  const images = fileImages(process.cwd());
  if (input.kind === 'qmp') {
    const imported = fromQmpScript(input.commands, images);
    return imported.ok ? imported.value : report(io, file, imported.diagnostics);
  }
  if (input.kind === 'cmdline') {
    const imported = fromCommandLine(input.text, images);
    return imported.ok ? withNotes(io, file, imported.value) : report(io, file, imported.diagnostics);
  }
  const imported = input.kind === 'option' ? input.imported : importText(input.text, images);
  return imported.ok ? withNotes(io, file, imported) : report(io, file, imported.diagnostics);
}

/** An imported document, after its notes (what the document cannot say) went to stderr. */
function withNotes(io: Streams, file: string, imported: { graph: BlockGraph; notes: readonly string[] }): BlockGraph {
  for (const note of imported.notes) io.stderr.write(`${file}: note: ${note}\n`);
  return imported.graph;
}

const OPTIONS = {
  to: { type: 'string' },
  lines: { type: 'boolean' },
  dotted: { type: 'boolean' },
  node: { type: 'string' },
  flat: { type: 'boolean' },
  explicit: { type: 'boolean' },
  minimal: { type: 'boolean' },
  rollback: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** The command, its file and options, or the exit status when there is nothing to run (usage, help). */
function parseCommandLine(
  argv: readonly string[],
  io: Streams,
): { command: string; file: string; values: Values } | number {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: OPTIONS });
  } catch (error) {
    io.stderr.write(`blockgraph: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command, file] = parsed.positionals;
  if (parsed.values.help === true || command === undefined) {
    (parsed.values.help === true ? io.stdout : io.stderr).write(USAGE);
    return parsed.values.help === true ? 0 : 2;
  }
  if (file === undefined || !['export', 'validate', 'resolve'].includes(command)) {
    io.stderr.write(`blockgraph: ${file === undefined ? 'missing FILE' : `unknown command '${command}'`}\n${USAGE}`);
    return 2;
  }
  return { command, file, values: parsed.values };
}

/**
 * Prints what QEMU builds from the input (design.md, "The CLI contract"); exit status 1 when QEMU
 * refuses any of it. For a QMP script or a document (run as its QMP script) the final state is
 * printed even after a refused command, as QMP goes on after one. Images are read from the current
 * directory, as a qemu-storage-daemon started there reads them (header backing chains included).
 */
function resolve(io: Streams, file: string, input: Input): number {
  if (input.kind === 'cmdline') return resolveCmdline(io, file, input.text);
  // A lone -drive/-blockdev value is the one-option command line it came from: QEMU's exact semantics.
  if (input.kind === 'option') return resolveWords(io, file, [input.option, input.value]);
  let commands = input.kind === 'qmp' ? input.commands : undefined;
  if (input.kind === 'document' || input.kind === 'other') {
    const graph = input.kind === 'document' ? input.graph : documentOf(io, file, input);
    if (typeof graph === 'number') return graph;
    const script = toQmpScript(graph);
    if (!script.ok) return report(io, file, script.diagnostics);
    commands = script.value;
  }
  const { resolved } = judgeScript(commands ?? [], fileImages(process.cwd()));
  io.stdout.write(`${JSON.stringify(resolved, null, 2)}\n`);
  return resolved.error === null ? 0 : 1;
}

/**
 * A QEMU command line, resolved with image headers read from the current directory as QEMU reads
 * them. QEMU's warnings and what blockgraph does not model go to stderr.
 */
function resolveCmdline(io: Streams, file: string, text: string): number {
  const words = splitCommandLine(text);
  if (!words.ok) {
    const { message, line, column } = words.error;
    io.stderr.write(`${file}: error at ${String(line)}:${String(column)}: ${message}\n`);
    return 1;
  }
  return resolveWords(io, file, words.words);
}

/** resolveCommandLine over words (without the program name); see resolveCmdline. */
function resolveWords(io: Streams, file: string, words: readonly string[]): number {
  const { warnings, notes, ...resolved } = resolveCommandLine(words, fileImages(process.cwd()));
  for (const warning of warnings) io.stderr.write(`${file}: qemu: ${warning}\n`);
  for (const note of notes) io.stderr.write(`${file}: note: ${note}\n`);
  // QEMU exits on a refused command line: only the error is printed then (design.md).
  const output = resolved.error === null ? resolved : { error: resolved.error };
  io.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  return resolved.error === null ? 0 : 1;
}

async function readFileText(file: string, io: Streams): Promise<string | undefined> {
  try {
    return file === '-' ? await text(process.stdin) : await readFile(file, 'utf8');
  } catch (error) {
    io.stderr.write(`blockgraph: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return undefined;
  }
}

function report(io: Streams, file: string, diagnostics: readonly Diagnostic[]): number {
  for (const d of diagnostics) io.stderr.write(`${file}: ${formatDiagnostic(d)}\n`);
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
