import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { formatQmpScript, toQmpScript } from '../export/index.ts';
import {
  formatDiagnostic,
  loadDocumentText,
  resolveDocument,
  validateDocument,
  type BlockGraph,
  type Diagnostic,
} from '../model/index.ts';

/** Where the CLI writes; injectable so tests can run `main` in-process. */
export interface Streams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const USAGE = `usage: blockgraph <command> FILE [options]

commands:
  export FILE --to qmp [--lines]   print the document as a QMP script (JSON array, or JSON lines)
  validate FILE                    print the document's diagnostics; exit 1 if there are errors
  resolve FILE                     print what QEMU builds from the document: nodes with their
                                   effective options and edges, in QEMU's field names

FILE is a blockgraph document (.blockgraph.json); "-" reads standard input.
`;

/** Runs one CLI invocation and returns its exit status (0 ok, 1 diagnostics, 2 usage). */
export async function main(argv: readonly string[], io: Streams): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { to: { type: 'string' }, lines: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
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
  const text = await readInput(file, io);
  if (text === undefined) return 1;
  const loaded = loadDocumentText(text);
  if (!loaded.ok) return report(io, file, loaded.diagnostics);
  if (command === 'validate') {
    const problems = validateDocument(loaded.value);
    if (problems.length === 0) io.stdout.write(`${file}: no problems\n`);
    return problems.length === 0 ? 0 : report(io, file, problems);
  }
  if (command === 'resolve') return resolve(io, loaded.value);
  if (parsed.values.to !== 'qmp') {
    io.stderr.write(`blockgraph: --to ${parsed.values.to ?? '(missing)'} is not supported; this build exports --to qmp\n`);
    return 2;
  }
  const script = toQmpScript(loaded.value);
  if (!script.ok) return report(io, file, script.diagnostics);
  io.stdout.write(formatQmpScript(script.value, parsed.values.lines === true ? 'lines' : 'array'));
  return 0;
}

/**
 * Prints QEMU's view of a valid document. A document QEMU would refuse prints only the first
 * error for now: which of its commands fail, and the state after them, needs the QMP simulation.
 */
function resolve(io: Streams, graph: BlockGraph): number {
  const [problem] = validateDocument(graph).filter((d) => d.severity === 'error');
  const resolved = problem ? { error: problem.message, nodes: [], edges: [] } : resolveDocument(graph);
  io.stdout.write(`${JSON.stringify(resolved, null, 2)}\n`);
  return problem ? 1 : 0;
}

async function readInput(file: string, io: Streams): Promise<string | undefined> {
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
