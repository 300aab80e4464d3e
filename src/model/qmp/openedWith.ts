import type { BlockGraph } from '../document.ts';
import { explicitOptions, type GivenOptions } from '../inherit/resolveOptions.ts';
import type { GivenValues } from '../open/given.ts';

/**
 * What the simulation knows beyond the document about nodes QEMU opened from image headers: the
 * generic options each was given (json: backing names count as `json-filename`), by document id.
 */
export type OpenedWith = ReadonlyMap<string, GivenValues>;

/** A GivenOptions for resolveOptions: those values for header-opened nodes, a node's own options for the rest. */
export function givenWith(opened: OpenedWith): GivenOptions {
  if (opened.size === 0) return explicitOptions;
  return (node) => opened.get(node.id) ?? explicitOptions(node);
}

/**
 * `opened` after a command turned `before` into `after`: entries of removed nodes go, and a node
 * that object-add gave another document id (rekeyNode: the one id that is new) keeps its entry.
 */
export function followIds(opened: OpenedWith, before: BlockGraph, after: BlockGraph): OpenedWith {
  if (opened.size === 0 || before === after) return opened;
  const added = Object.keys(after.nodes).filter((id) => !Object.hasOwn(before.nodes, id));
  const next = new Map<string, GivenValues>();
  for (const [id, values] of opened) {
    if (Object.hasOwn(after.nodes, id)) next.set(id, values);
    else if (added.length === 1 && after.nodes[added[0] as string]?.options === before.nodes[id]?.options) {
      next.set(added[0] as string, values);
    }
  }
  return next;
}
