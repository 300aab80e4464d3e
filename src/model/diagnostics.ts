/**
 * Every diagnostic the model can report, in one table (like xyflow's errorMessages): a code,
 * a severity and a message built from its arguments. Where QEMU has a message for the same
 * condition, the text is QEMU's.
 */
const TABLE = {
  E001: { severity: 'error', message: (a: { detail: string }) => `Not valid JSON: ${a.detail}` },
  E002: { severity: 'error', message: (a: { expected: string }) => `Expected ${a.expected}` },
  E003: {
    severity: 'error',
    message: (a: { version: string }) => `Unsupported document version ${a.version}; this build reads version 1`,
  },
  /** A document that arrives in a share link's `#doc=` fragment cannot be unpacked (the editor's share link). */
  E004: {
    severity: 'error',
    message: (a: { detail: string }) => `The link's document cannot be read: ${a.detail}`,
  },
  E101: {
    severity: 'error',
    message: (a: { driver: string }) => `Parameter 'driver' does not accept value '${a.driver}'`,
  },
  E102: { severity: 'error', message: (a: { id: string }) => `Duplicate id '${a.id}'` },
  E103: { severity: 'error', message: (a: { id: string }) => `No node, object or frontend with id '${a.id}'` },
  E104: { severity: 'error', message: (a: { name: string }) => `Invalid node-name: '${a.name}'` },
  E105: { severity: 'error', message: (a: { name: string }) => `Duplicate nodes with node-name='${a.name}'` },
  E106: { severity: 'error', message: (_a: Record<string, never>) => 'Node name too long' },
  E107: {
    severity: 'error',
    message: (a: { id: string }) => `Invalid id '${a.id}': use letters, digits, '-', '.', '_' and start with a letter`,
  },
  E108: { severity: 'error', message: (a: { kind: string }) => `Unknown frontend kind '${a.kind}'` },
  E201: {
    severity: 'error',
    message: (a: { driver: string; role: string }) => `Driver '${a.driver}' has no child '${a.role}'`,
  },
  E202: {
    severity: 'error',
    message: (a: { parent: string; role: string }) => `Node '${a.parent}' already has a '${a.role}' child`,
  },
  E203: {
    severity: 'error',
    message: (a: { parent: string; child: string }) =>
      `Connecting '${a.child}' below '${a.parent}' would create a cycle`,
  },
  E204: {
    severity: 'error',
    message: (a: { child: string; other: string }) =>
      `'${a.child}' is already defined inline in '${a.other}'; a node is defined in at most one parent, every other parent references it`,
  },
  E205: {
    severity: 'error',
    message: (a: { child: string }) => `'${a.child}' has no node-name, so it cannot be referenced`,
  },
  E206: {
    severity: 'error',
    message: (a: { parent: string; role: string }) => `Node '${a.parent}' has no '${a.role}' child`,
  },
  E301: { severity: 'error', message: (a: { option: string }) => `Parameter '${a.option}' is unexpected` },
  E302: {
    severity: 'error',
    message: (a: { option: string; expected: string }) =>
      `Invalid parameter type for '${a.option}', expected: ${a.expected}`,
  },
  E303: {
    severity: 'error',
    message: (a: { option: string }) => `'${a.option}' is a child link: connect a node instead of setting a value`,
  },
  E305: {
    severity: 'error',
    message: (a: { option: string; value: string }) => `Parameter '${a.option}' does not accept value '${a.value}'`,
  },
  E304: { severity: 'error', message: (a: { option: string }) => `Parameter '${a.option}' is missing` },
  E401: {
    severity: 'error',
    message: (a: { node: string; form: string; reason: string }) =>
      `'${a.node}' cannot be written as ${a.form}: ${a.reason}`,
  },
  /** Importing: the text cannot be split into shell words (quotes, operators). */
  E410: { severity: 'error', message: (a: { detail: string }) => `Cannot split the command line: ${a.detail}` },
  E411: { severity: 'error', message: (a: { option: string }) => `${a.option}: requires an argument` },
  /** Importing: QEMU refuses what an option or string says; the message is QEMU's own. */
  E412: { severity: 'error', message: (a: { desc: string }) => a.desc },
  E413: { severity: 'error', message: (a: { reason: string }) => `Cannot import: ${a.reason}` },
  /** QEMU refuses a command of the document's script; the message is QEMU's own. */
  E500: { severity: 'error', message: (a: { desc: string }) => a.desc },
  /** Importing QEMU's state: the replies of query-named-block-nodes and x-debug-query-block-graph. */
  E601: {
    severity: 'error',
    message: (a: { expected: string; found: string }) => `Expected the reply of ${a.expected}, found ${a.found}`,
  },
  E602: { severity: 'error', message: (a: { command: string }) => `The reply of ${a.command} is given twice` },
  E603: {
    severity: 'error',
    message: (a: { id: string }) => `No node with id ${a.id} in the nodes of x-debug-query-block-graph`,
  },
  E604: {
    severity: 'error',
    message: (a: { id: string }) => `Two nodes with id ${a.id} in the nodes of x-debug-query-block-graph`,
  },
  E605: {
    severity: 'error',
    message: (a: { name: string; only: string; other: string }) =>
      `Node '${a.name}' is in the reply of ${a.only} but not in that of ${a.other}: the replies describe different moments`,
  },
} as const satisfies Record<string, { severity: 'error' | 'warning'; message: (args: never) => string }>;

export type DiagnosticCode = keyof typeof TABLE;
type ArgsOf<C extends DiagnosticCode> = Parameters<(typeof TABLE)[C]['message']>[0];

/** A problem found in a document, an edit or an input, with where it is. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: 'error' | 'warning';
  message: string;
  /** The document id of the node, object or frontend concerned. */
  node?: string;
  /** A key path into the input (`nodes.disk0.options.cache.direct`, `links[2].role`). */
  path?: string;
  /** 1-based position in a text input. */
  line?: number;
  column?: number;
}

type Where = Pick<Diagnostic, 'node' | 'path' | 'line' | 'column'>;

/** Builds a diagnostic from its code, arguments and location. */
export function diagnostic<C extends DiagnosticCode>(code: C, args: ArgsOf<C>, where: Where = {}): Diagnostic {
  const entry = TABLE[code];
  const message = (entry.message as (a: ArgsOf<C>) => string)(args);
  return { code, severity: entry.severity, message, ...where };
}

/** Formats a diagnostic for a terminal: `error at 3:7 in node 'disk0' at cache.direct: message [E302]`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [
    d.line === undefined ? '' : ` at ${String(d.line)}:${String(d.column ?? 1)}`,
    d.node === undefined ? '' : ` in node '${d.node}'`,
    d.path === undefined || d.path === '' ? '' : ` at ${d.path}`,
  ].join('');
  return `${d.severity}${where}: ${d.message} [${d.code}]`;
}
