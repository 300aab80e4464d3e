import {
  formatCommandLine,
  formatQmpScript,
  shellQuote,
  toBlockdevArgs,
  toCommandLine,
  toJsonFilename,
  toQmpScript,
} from '../export/index.ts';
import { formatDiagnostic, parentLinks, type BlockGraph, type Diagnostic, type Result } from '../model/index.ts';

/** Where `blockgraph export` writes (the same shape as main.ts's Streams). */
export interface ExportStreams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** The options of `blockgraph export`, as parseArgs gives them. */
export interface ExportFlags {
  to?: string | undefined;
  lines?: boolean | undefined;
  dotted?: boolean | undefined;
  node?: string | undefined;
}

/** The formats this build writes, in the order the usage text lists them. */
export const EXPORT_FORMATS = ['qmp', 'blockdev', 'json-filename', 'cmdline', 'document'] as const;

/** Formats the design promises (design.md, "The CLI contract") that later work brings. */
const PLANNED_FORMATS: ReadonlySet<string> = new Set(['drive']);

type Format = (typeof EXPORT_FORMATS)[number];

/** What one format produces: the text for stdout, plus notes on what it left out. */
type Produced = Result<{ text: string; notes: string[] }>;

const PRODUCERS: Readonly<Record<Format, (graph: BlockGraph, flags: ExportFlags) => Produced>> = {
  qmp: (graph, flags) =>
    withText(toQmpScript(graph), (script) => formatQmpScript(script, flags.lines === true ? 'lines' : 'array')),
  blockdev: (graph, flags) => {
    const notes: string[] = [];
    const args = toBlockdevArgs(graph, { form: flags.dotted === true ? 'dotted' : 'json', notes });
    return withText(args, (argv) => `${formatCommandLine(argv)}\n`, notes);
  },
  'json-filename': (graph, flags) =>
    withText(toJsonFilename(graph, flags.node ?? ''), (name) => `${shellQuote([name])}\n`),
  cmdline: (graph, flags) => {
    const notes: string[] = [];
    const argv = toCommandLine(graph, { form: flags.dotted === true ? 'dotted' : 'json', notes });
    return withText(argv, (words) => `${formatCommandLine(words)}\n`, notes);
  },
  document: (graph) => ({ ok: true, value: { text: `${JSON.stringify(graph, null, 2)}\n`, notes: [] } }),
};

/**
 * `blockgraph export FILE --to FORMAT`: prints the document in one of `EXPORT_FORMATS`; argument
 * formats print shell-quoted words, ready to paste. Notes about what an export leaves out go to
 * stderr. Returns the exit status: 0 written, 1 the document cannot be exported, 2 usage.
 */
export function runExport(graph: BlockGraph, file: string, flags: ExportFlags, io: ExportStreams): number {
  const format = EXPORT_FORMATS.find((f) => f === flags.to);
  if (format === undefined) {
    const to = flags.to ?? '(missing)';
    const why = PLANNED_FORMATS.has(to) ? 'is not supported yet' : 'is not a format';
    io.stderr.write(`blockgraph: --to ${to} ${why}; this build exports --to ${EXPORT_FORMATS.join('|')}\n`);
    return 2;
  }
  const node = format === 'json-filename' ? (flags.node ?? onlyRoot(graph)) : flags.node;
  if (format === 'json-filename' && node === undefined) {
    io.stderr.write('blockgraph: --to json-filename needs --node ID when the document has more than one root\n');
    return 2;
  }
  const produced = PRODUCERS[format](graph, { ...flags, node });
  if (!produced.ok) return report(io, file, produced.diagnostics);
  for (const note of produced.value.notes) io.stderr.write(`${file}: note: ${note}\n`);
  io.stdout.write(produced.value.text);
  return 0;
}

function withText<T>(result: Result<T>, format: (value: T) => string, notes: string[] = []): Produced {
  return result.ok ? { ok: true, value: { text: format(result.value), notes } } : result;
}

/** The document's one node without parents, if there is exactly one. */
function onlyRoot(graph: BlockGraph): string | undefined {
  const roots = Object.keys(graph.nodes).filter((id) => parentLinks(graph, id).length === 0);
  return roots.length === 1 ? roots[0] : undefined;
}

function report(io: ExportStreams, file: string, diagnostics: readonly Diagnostic[]): number {
  for (const d of diagnostics) io.stderr.write(`${file}: ${formatDiagnostic(d)}\n`);
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
