import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { runExport } from './exportCommand.ts';
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
  export FILE --to FORMAT          print the document in another form; FORMAT is one of
    qmp [--lines]                  a QMP script (JSON array, or JSON lines with --lines)
    blockdev [--dotted]            -object, -blockdev and -device arguments, shell-quoted
                                   (-blockdev as JSON, or in keyval syntax with --dotted)
    json-filename [--node ID]      a json: pseudo-filename for a node and its inline subtree
                                   (--node may be left out when the document has one root)
    cmdline [--dotted]             a whole qemu-system-x86_64 command line, shell-quoted
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
      options: {
        to: { type: 'string' },
        lines: { type: 'boolean' },
        dotted: { type: 'boolean' },
        node: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
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
  return runExport(loaded.value, file, parsed.values, io);
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
