import type { BlockGraph } from '../document.ts';
import type { GivenOptions } from '../inherit/resolveOptions.ts';
import type { ImageSource } from '../open/imageSource.ts';
import type { JsonObject } from '../json.ts';
import { visitStructArgs } from '../qapi/qapiVisit.ts';
import { catalogue, schemaDump } from '../schema/catalogue.ts';
import { addBlockdev } from './addBlockdev.ts';
import { blockdevChange, liveCounters, type ChildCounters } from './blockdevChange.ts';
import { blockdevDel, type Ownership } from './blockdevDel.ts';
import { QEMU_TEXT } from './messages.ts';
import { checkObjectAdd, notSimulated, objectAdd, objectDel } from './objects.ts';
import { followIds, givenWith, type OpenedWith } from './openedWith.ts';
import { blockdevReopen } from './reopen.ts';
import { LiveDocument } from './liveDocument.ts';
import { livePins, type Pins } from './reopenPins.ts';
import { blockdevSnapshot } from './snapshot.ts';
import { genericError, stringArg, type Outcome, type QmpCommand, type QmpReply } from './types.ts';

/**
 * The simulated daemon: the document, which nodes the monitor does not own, what the nodes
 * opened from image headers were given, and the images it reads (none: no image is read).
 */
interface State {
  graph: BlockGraph;
  own: Ownership;
  opened: OpenedWith;
  images: ImageSource | undefined;
  /** Options a reopen kept on a node rather than it being given them (reopenPins.ts). */
  pins: Pins;
  /** quorum's next_child_index of the quorums x-blockdev-change has changed. */
  counters: ChildCounters;
}

type Handler = (state: State, args: JsonObject) => Outcome<State>;

const HANDLERS: Readonly<Record<string, Handler>> = {
  'blockdev-add': (state, args) => {
    const added = addBlockdev(state.graph, args, state.images, state.opened);
    return 'error' in added ? genericError(added.error) : { ok: true, value: { ...state, ...added } };
  },
  'blockdev-del': (state, args) => withOwn(state, blockdevDel(state.graph, state.own, stringArg(args['node-name']))),
  'blockdev-snapshot': (state, args) => {
    const done = blockdevSnapshot(state.graph, state.own, args, state.pins);
    return done.ok ? { ok: true, value: { ...state, ...done.value } } : done;
  },
  'blockdev-reopen': (state, args) => {
    const done = blockdevReopen(state.graph, args, state.pins, state.own);
    return done.ok ? { ok: true, value: { ...state, ...done.value } } : done;
  },
  'x-blockdev-change': (state, args) => {
    const changed = blockdevChange(state.graph, state.counters, args);
    return changed.ok ? { ok: true, value: { ...state, ...changed.value } } : changed;
  },
  'object-add': (state, args) => withGraph(state, objectAdd(state.graph, args)),
  'object-del': (state, args) => withGraph(state, objectDel(state.graph, args)),
};

/** Commands whose arguments the handler checks itself (against more than one schema type). */
const OWN_VISIT: ReadonlySet<string> = new Set(['blockdev-add', 'object-add', 'object-del']);

/** Every command the QEMU build of the catalogue knows (qemu-storage-daemon's query-qmp-schema). */
const COMMANDS: ReadonlySet<string> = new Set(
  schemaDump.schema.filter((entity) => entity['meta-type'] === 'command').map((entity) => entity.name),
);

/** How simulateQmp works (never what it predicts). */
export interface SimulateOptions {
  /**
   * true (default): the document is kept between commands with its lookups, and a blockdev-add
   * checks permissions only where they can change (LiveDocument), so each costs what it adds.
   * false: every command rebuilds what it looks up and checks the whole document, as the
   * reference the incremental simulation is tested against.
   */
  incremental?: boolean;
}

/** What simulateQmp returns: the document after the script, QEMU's replies, and what header-opened nodes were given. */
export interface Simulated {
  graph: BlockGraph;
  replies: QmpReply[];
  given: GivenOptions;
}

/**
 * Runs a QMP script against a document as qemu-storage-daemon 7.2 would, after capabilities
 * negotiation: every command in order, each either applied whole or refused with QEMU's error
 * (then nothing changes and the next command still runs). Simulated: blockdev-add, blockdev-del,
 * blockdev-snapshot, blockdev-reopen, x-blockdev-change, object-add and object-del (throttle-group and secret). An unknown command gets
 * QEMU's CommandNotFound; a known one that blockgraph cannot predict gets the class `NotSimulated`.
 * The nodes of `graph` that no parent defines inline count as added by the monitor.
 *
 * With `images` (the daemon's working directory), blockdev-add reads images as QEMU does: a
 * `file` must exist, a format's image must be in its format, and a qcow2/qcow/qed/vmdk node
 * without `backing` opens the backing chain its header names, as unnamed inline `backing` children
 * (`#PARENT/backing`, `#PARENT/backing/file`). `given` tells resolveOptions what those nodes were
 * opened with (values from a json: backing name have provenance `json-filename`).
 *
 * @example simulateQmp(emptyGraph(), [{ execute: 'blockdev-add', arguments: { driver: 'null-co', 'node-name': 'n0' } }])
 */
export function simulateQmp(
  graph: BlockGraph,
  commands: readonly QmpCommand[],
  images?: ImageSource,
  options: SimulateOptions = {},
): Simulated {
  return options.incremental === false
    ? simulateFully(graph, commands, images)
    : simulateIncrementally(graph, commands, images);
}

/** The daemon before the first command. */
function initialState(graph: BlockGraph, images: ImageSource | undefined): State {
  return { graph, own: { orphans: new Set() }, opened: new Map(), images, pins: new Map(), counters: new Map() };
}

/** Every command on the state the previous one left, everything looked up afresh. */
function simulateFully(graph: BlockGraph, commands: readonly QmpCommand[], images: ImageSource | undefined): Simulated {
  let state = initialState(graph, images);
  const replies: QmpReply[] = [];
  for (const command of commands) {
    const outcome = execute(state, command);
    if (outcome.ok) {
      const { opened, pins, counters, graph: after } = outcome.value;
      state = {
        ...outcome.value,
        opened: followIds(opened, state.graph, after),
        pins: livePins(pins, after),
        counters: liveCounters(counters, after),
      };
      replies.push({ return: {} });
    } else {
      replies.push({ error: outcome.error });
    }
  }
  return { graph: state.graph, replies, given: givenWith(state.opened) };
}

/**
 * The same with the document kept in a LiveDocument: a blockdev-add grows it in place (it neither
 * removes nor renames a node, so header-opened values, pins and counters stay as they are); any
 * other command runs as in simulateFully and the LiveDocument adopts its result.
 */
function simulateIncrementally(
  graph: BlockGraph,
  commands: readonly QmpCommand[],
  images: ImageSource | undefined,
): Simulated {
  const live = new LiveDocument(graph);
  let state = initialState(graph, images);
  let changed = false;
  const replies: QmpReply[] = [];
  for (const command of commands) {
    if (command.execute === 'blockdev-add') {
      const error = live.add(command.arguments ?? {}, images);
      changed ||= error === undefined;
      replies.push(error === undefined ? { return: {} } : { error: { class: 'GenericError', desc: error } });
      continue;
    }
    if (command.execute === 'object-add') {
      const checked = checkObjectAdd(live.graph, command.arguments ?? {});
      if (!checked.ok) {
        replies.push({ error: checked.error });
        continue;
      }
      if (live.addObject(checked.value)) {
        changed = true;
        replies.push({ return: {} });
        continue;
      }
    }
    const before = live.graph;
    // `state` holds what blockdev-add leaves alone; the document and opened values are the live ones.
    const outcome = execute({ ...state, graph: before, opened: live.opened }, command);
    if (outcome.ok) {
      const { opened, pins, counters, graph: after } = outcome.value;
      // Header-opened values belong to nodes of the document: with the same nodes, the same values.
      live.adopt(
        after,
        after.nodes === before.nodes ? opened : followIds(opened, before, after),
        CHANGES[command.execute] ?? 'any',
      );
      state = {
        ...outcome.value,
        graph: live.graph,
        opened: live.opened,
        pins: livePins(pins, after),
        counters: liveCounters(counters, after),
      };
      changed = true;
      replies.push({ return: {} });
    } else {
      replies.push({ error: outcome.error });
    }
  }
  return { graph: changed ? live.graph : graph, replies, given: givenWith(live.opened) };
}

/** What the commands other than blockdev-add may change (LiveDocument.adopt); any other: anything. */
const CHANGES: Readonly<Record<string, 'objects'>> = { 'object-add': 'objects', 'object-del': 'objects' };

function execute(state: State, command: QmpCommand): Outcome<State> {
  const name = command.execute;
  if (name === 'qmp_capabilities') return commandNotFound(QEMU_TEXT.alreadyNegotiated());
  if (!COMMANDS.has(name)) return commandNotFound(QEMU_TEXT.commandNotFound(name));
  const handler = HANDLERS[name];
  if (handler === undefined) return notSimulated(`the command ${name}`);
  const args = command.arguments ?? {};
  const spec = OWN_VISIT.has(name) ? undefined : catalogue.commandArguments(name);
  const visited = spec === undefined ? undefined : visitStructArgs(spec, args, 'json');
  return visited === undefined || visited.ok ? handler(state, args) : genericError(visited.message);
}

function withGraph(state: State, outcome: Outcome<BlockGraph>): Outcome<State> {
  return outcome.ok ? { ok: true, value: { ...state, graph: outcome.value } } : outcome;
}

function withOwn(state: State, outcome: Outcome<{ graph: BlockGraph; own: Ownership }>): Outcome<State> {
  return outcome.ok ? { ok: true, value: { ...state, ...outcome.value } } : outcome;
}

function commandNotFound(desc: string): Outcome<never> {
  return { ok: false, error: { class: 'CommandNotFound', desc } };
}
