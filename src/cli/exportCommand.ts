import { EXPORT_FORMATS, exportText, rootNodes, type ExportFormat, type QmpScriptOptions } from '../export/index.ts';
import { formatDiagnostic, type BlockGraph, type Diagnostic } from '../model/index.ts';

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
  /** `--to qmp`: every node with its own blockdev-add (QmpLayout `flat`). */
  flat?: boolean | undefined;
  /** `--to qmp`: every generic option's effective value on every node (QmpOptionStyle `explicit`). */
  explicit?: boolean | undefined;
  /** `--to qmp`: only the generic options a node would not get anyway (QmpOptionStyle `minimal`). */
  minimal?: boolean | undefined;
  /** `--to qmp`: the script that undoes the QMP script (blockdev-del, then object-del). */
  rollback?: boolean | undefined;
}

/** The flags that only `--to qmp` takes, as the command line spells them. */
const QMP_ONLY_FLAGS = ['flat', 'explicit', 'minimal', 'rollback'] as const;

/**
 * `blockgraph export FILE --to FORMAT`: prints the document in one of `EXPORT_FORMATS`; argument
 * formats print shell-quoted words, ready to paste. `--to qmp` takes `--flat`, `--explicit` or
 * `--minimal` (see toQmpScript) and `--rollback` (the script that undoes that one). Notes about
 * what an export leaves out go to stderr. Returns the exit status: 0 written, 1 the document
 * cannot be exported, 2 usage (a flag of another format, or --explicit with --minimal).
 */
export function runExport(graph: BlockGraph, file: string, flags: ExportFlags, io: ExportStreams): number {
  const format = EXPORT_FORMATS.find((f) => f === flags.to);
  if (format === undefined) {
    const to = flags.to ?? '(missing)';
    io.stderr.write(`blockgraph: --to ${to} is not a format; this build exports --to ${EXPORT_FORMATS.join('|')}\n`);
    return 2;
  }
  const misused = usageProblem(format, flags);
  if (misused !== undefined) {
    io.stderr.write(`blockgraph: ${misused}\n`);
    return 2;
  }
  const node = format === 'json-filename' ? (flags.node ?? onlyRoot(graph)) : flags.node;
  if (format === 'json-filename' && node === undefined) {
    io.stderr.write('blockgraph: --to json-filename needs --node ID when the document has more than one root\n');
    return 2;
  }
  const produced = exportText(graph, format, {
    qmp: qmpChoice(flags),
    lines: flags.lines === true,
    rollback: flags.rollback === true,
    form: flags.dotted === true ? 'dotted' : 'json',
    ...(node === undefined ? {} : { node }),
  });
  if (!produced.ok) return report(io, file, produced.diagnostics);
  for (const note of produced.value.notes) io.stderr.write(`${file}: note: ${note}\n`);
  io.stdout.write(produced.value.text);
  return 0;
}

/** Why the flags do not go together with `format`, or undefined when they do. */
function usageProblem(format: ExportFormat, flags: ExportFlags): string | undefined {
  const qmpOnly = QMP_ONLY_FLAGS.find((flag) => flags[flag] === true);
  if (format !== 'qmp' && qmpOnly !== undefined) return `--${qmpOnly} applies to --to qmp only`;
  if (flags.explicit === true && flags.minimal === true) return '--explicit and --minimal exclude each other';
  return undefined;
}

/** The script variant the flags ask for (toQmpScript's defaults when none is given). */
function qmpChoice(flags: ExportFlags): QmpScriptOptions {
  return {
    layout: flags.flat === true ? 'flat' : 'nested',
    options: flags.explicit === true ? 'explicit' : flags.minimal === true ? 'minimal' : 'as-written',
  };
}

/** The document's one node without parents, if there is exactly one. */
function onlyRoot(graph: BlockGraph): string | undefined {
  const roots = rootNodes(graph);
  return roots.length === 1 ? roots[0] : undefined;
}

function report(io: ExportStreams, file: string, diagnostics: readonly Diagnostic[]): number {
  for (const d of diagnostics) io.stderr.write(`${file}: ${formatDiagnostic(d)}\n`);
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
