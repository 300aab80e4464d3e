import type { BlockGraph, QomObject } from '../document.ts';
import type { JsonObject } from '../json.ts';
import { isWellFormedId } from '../names.ts';
import { qdictOrder } from '../qapi/ghash.ts';
import { visitStructArgs } from '../qapi/qapiVisit.ts';
import { catalogue } from '../schema/catalogue.ts';
import { QEMU_TEXT } from './messages.ts';
import { rekeyNode } from './rekey.ts';
import { setThrottleGroupProps, throttleIsValid } from './throttleConfig.ts';
import { genericError, stringArg, type Outcome } from './types.ts';

/** QOM types whose creation blockgraph simulates. */
const SIMULATED_TYPES: ReadonlySet<string> = new Set(['throttle-group', 'secret']);
const BASE64 = /^[A-Za-z0-9+/=]*$/;

/**
 * `object-add` (qom/object_interfaces.c: user_creatable_add_qapi, user_creatable_add_type): the QAPI
 * schema, a well-formed id, the properties (set in QDict order), a free id, then the type's
 * `complete` check. A node whose document id is the new object's id is given another id.
 */
export function objectAdd(graph: BlockGraph, args: JsonObject): Outcome<BlockGraph> {
  const checked = checkObjectAdd(graph, args);
  return checked.ok ? { ok: true, value: withObject(graph, checked.value) } : checked;
}

/** The document with a new object whose id is free among objects (a node with that document id is given another). */
export function withObject(graph: BlockGraph, object: QomObject): BlockGraph {
  const freed = Object.hasOwn(graph.nodes, object.id) ? rekeyNode(graph, object.id) : graph;
  return { ...freed, objects: { ...freed.objects, [object.id]: object } };
}

/** objectAdd's checks, in its order: the object it would add, or QEMU's error. */
export function checkObjectAdd(graph: BlockGraph, args: JsonObject): Outcome<QomObject> {
  const spec = catalogue.commandArguments('object-add');
  const visited = spec === undefined ? undefined : visitStructArgs(spec, args, 'json');
  if (visited?.ok === false) return genericError(visited.message);
  const { 'qom-type': qomType, id, ...props } = args;
  if (typeof qomType !== 'string' || typeof id !== 'string') return genericError(QEMU_TEXT.missing('id'));
  if (!isWellFormedId(id)) return genericError(QEMU_TEXT.notAnIdentifier());
  if (!SIMULATED_TYPES.has(qomType)) return notSimulated(`object-add of a '${qomType}'`);
  const members = spec?.union?.cases[qomType]?.map((m) => m.name) ?? [];
  const throttle =
    qomType === 'throttle-group'
      ? setThrottleGroupProps(props, qdictOrder(members.filter((m) => m in props)))
      : undefined;
  if (throttle && 'error' in throttle) return genericError(throttle.error);
  if (Object.hasOwn(graph.objects, id)) return genericError(QEMU_TEXT.duplicateObject(id));
  // The type's complete(): throttle_group_obj_complete or qcrypto_secret_complete.
  const incomplete = throttle ? throttleIsValid(throttle.cfg) : completeSecret(graph, props);
  if (incomplete !== undefined) return typeof incomplete === 'string' ? genericError(incomplete) : incomplete;
  return { ok: true, value: { id, qomType, props } };
}

/** `object-del` (user_creatable_del): a throttle-group is in use while a throttle node names it. */
export function objectDel(graph: BlockGraph, args: JsonObject): Outcome<BlockGraph> {
  const spec = catalogue.commandArguments('object-del');
  const visited = spec === undefined ? undefined : visitStructArgs(spec, args, 'json');
  if (visited?.ok === false) return genericError(visited.message);
  const id = stringArg(args.id);
  const object = graph.objects[id];
  if (object === undefined) return genericError(QEMU_TEXT.objectNotFound(id));
  const inUse =
    object.qomType === 'throttle-group' && Object.values(graph.nodes).some((n) => n.options['throttle-group'] === id);
  if (inUse) return genericError(QEMU_TEXT.objectInUse(id));
  const { [id]: _removed, ...objects } = graph.objects;
  const { [id]: _position, ...positions } = graph.layout.positions;
  return { ok: true, value: { ...graph, objects, layout: { ...graph.layout, positions } } };
}

/** crypto/secret.c: qcrypto_secret_load_data, then crypto/secret_common.c: decryption and decoding. */
function completeSecret(graph: BlockGraph, props: JsonObject): Outcome<never> | undefined {
  const { data, file, keyid, format } = props;
  if (file !== undefined && data !== undefined) return genericError(QEMU_TEXT.secretBoth());
  if (file === undefined && data === undefined) return genericError(QEMU_TEXT.secretNeither());
  if (file !== undefined) return notSimulated("a secret read from a 'file'");
  if (typeof keyid === 'string') {
    const master = graph.objects[keyid];
    if (master === undefined) return genericError(`No secret with id '${keyid}'`);
    if (master.qomType !== 'secret') return genericError(`Object with id '${keyid}' is not a secret`);
    return notSimulated('a secret decrypted with a master key');
  }
  if (format === 'base64' && typeof data === 'string' && !BASE64.test(data))
    return genericError(QEMU_TEXT.base64Invalid());
  return undefined;
}

/** A command blockgraph cannot predict; the reply says so instead of guessing QEMU's. */
export function notSimulated(what: string): Outcome<never> {
  return { ok: false, error: { class: 'NotSimulated', desc: `blockgraph does not simulate ${what}` } };
}
