import type { BlockGraph } from '../document.ts';
import type { JsonObject } from '../json.ts';
import { catalogue, schemaDump } from '../schema/catalogue.ts';
import { addBlockdev } from './addBlockdev.ts';
import { blockdevDel, type Ownership } from './blockdevDel.ts';
import { QEMU_TEXT } from './messages.ts';
import { notSimulated, objectAdd, objectDel } from './objects.ts';
import { visitArguments } from './qapiVisit.ts';
import { blockdevSnapshot } from './snapshot.ts';
import { genericError, stringArg, type Outcome, type QmpCommand, type QmpReply } from './types.ts';

/** The simulated daemon: the document, and which nodes the monitor does not own. */
interface State {
  graph: BlockGraph;
  own: Ownership;
}

type Handler = (state: State, args: JsonObject) => Outcome<State>;

const HANDLERS: Readonly<Record<string, Handler>> = {
  'blockdev-add': (state, args) => {
    const added = addBlockdev(state.graph, args);
    return 'error' in added ? genericError(added.error) : { ok: true, value: { ...state, graph: added.graph } };
  },
  'blockdev-del': (state, args) => blockdevDel(state.graph, state.own, stringArg(args['node-name'])),
  'blockdev-snapshot': (state, args) => blockdevSnapshot(state.graph, state.own, args),
  'object-add': (state, args) => withGraph(state, objectAdd(state.graph, args)),
  'object-del': (state, args) => withGraph(state, objectDel(state.graph, args)),
};

/** Commands whose arguments the handler checks itself (against more than one schema type). */
const OWN_VISIT: ReadonlySet<string> = new Set(['blockdev-add', 'object-add', 'object-del']);

/** Every command the QEMU build of the catalogue knows (qemu-storage-daemon's query-qmp-schema). */
const COMMANDS: ReadonlySet<string> = new Set(
  schemaDump.schema.filter((entity) => entity['meta-type'] === 'command').map((entity) => entity.name),
);

/**
 * Runs a QMP script against a document as qemu-storage-daemon 7.2 would, after capabilities
 * negotiation: every command in order, each either applied whole or refused with QEMU's error
 * (then nothing changes and the next command still runs). Simulated: blockdev-add, blockdev-del,
 * blockdev-snapshot, object-add and object-del (throttle-group and secret). An unknown command gets
 * QEMU's CommandNotFound; a known one that blockgraph cannot predict gets the class `NotSimulated`.
 * The nodes of `graph` that no parent defines inline count as added by the monitor.
 *
 * @example simulateQmp(emptyGraph(), [{ execute: 'blockdev-add', arguments: { driver: 'null-co', 'node-name': 'n0' } }])
 */
export function simulateQmp(graph: BlockGraph, commands: readonly QmpCommand[]): { graph: BlockGraph; replies: QmpReply[] } {
  let state: State = { graph, own: { orphans: new Set() } };
  const replies: QmpReply[] = [];
  for (const command of commands) {
    const outcome = execute(state, command);
    if (outcome.ok) {
      state = outcome.value;
      replies.push({ return: {} });
    } else {
      replies.push({ error: outcome.error });
    }
  }
  return { graph: state.graph, replies };
}

function execute(state: State, command: QmpCommand): Outcome<State> {
  const name = command.execute;
  if (name === 'qmp_capabilities') return commandNotFound(QEMU_TEXT.alreadyNegotiated());
  if (!COMMANDS.has(name)) return commandNotFound(QEMU_TEXT.commandNotFound(name));
  const handler = HANDLERS[name];
  if (handler === undefined) return notSimulated(`the command ${name}`);
  const args = command.arguments ?? {};
  const spec = OWN_VISIT.has(name) ? undefined : catalogue.commandArguments(name);
  const invalid = spec === undefined ? undefined : visitArguments(spec, args);
  return invalid === undefined ? handler(state, args) : genericError(invalid);
}

function withGraph(state: State, outcome: Outcome<BlockGraph>): Outcome<State> {
  return outcome.ok ? { ok: true, value: { ...state, graph: outcome.value } } : outcome;
}

function commandNotFound(desc: string): Outcome<never> {
  return { ok: false, error: { class: 'CommandNotFound', desc } };
}
