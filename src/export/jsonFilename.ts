import {
  childrenFirst,
  diagnostic,
  fail,
  ok,
  type BlockGraph,
  type ChildLink,
  type Diagnostic,
  type Result,
} from '../model/index.ts';
import { blockdevOptions } from './qmpScript.ts';

/** The pseudo-protocol prefix QEMU recognises in legacy filename strings (block.c: parse_json_filename). */
export const JSON_FILENAME_PREFIX = 'json:';

/**
 * A `json:` pseudo-filename for `nodeId` and everything defined inline below it: the node's
 * blockdev-add options (as `blockdevOptions` nests them) as one JSON object. QEMU honours it where
 * it reads a legacy filename string: `-drive file=…` (with every `,` doubled there), a qcow2
 * header's backing file name (`qemu-img create -b 'json:…' -F <the node's driver>`), qemu-img and
 * qemu-io filenames.
 *
 * A json: filename is opened on its own, so it cannot name other nodes: a subtree that holds a
 * reference is refused, with the referencing node named. QEMU facts to keep in mind (checked in
 * exports.differential.test.ts): relative filenames inside it resolve against QEMU's working
 * directory, not against the image whose header holds it; a qcow2 header keeps at most 1023
 * bytes of it; under `-drive`, the top level's `cache.*`, `read-only` and `detect-zeroes` are
 * overridden by -drive's own (write them outside the JSON).
 *
 * @example toJsonFilename(rawOverNullCo(), 'raw0') // ok('json:{"driver":"raw","node-name":"raw0","file":{"driver":"null-co",…}}')
 */
export function toJsonFilename(graph: BlockGraph, nodeId: string): Result<string> {
  if (graph.nodes[nodeId] === undefined) return fail(diagnostic('E103', { id: nodeId }, { path: 'node' }));
  const { cycle } = childrenFirst(graph);
  if (cycle) {
    const [parent = '', child = ''] = cycle;
    return fail(diagnostic('E203', { parent, child }, { node: parent }));
  }
  const reference = firstReference(graph, nodeId);
  if (reference !== undefined) return fail(referenceProblem(graph, reference));
  return ok(`${JSON_FILENAME_PREFIX}${JSON.stringify(blockdevOptions(graph, nodeId))}`);
}

/** The first link by reference in the subtree that `root` defines inline (depth first). */
function firstReference(graph: BlockGraph, root: string): ChildLink | undefined {
  const below = new Map<string, ChildLink[]>();
  for (const link of graph.links) {
    const siblings = below.get(link.parent);
    if (siblings) siblings.push(link);
    else below.set(link.parent, [link]);
  }
  const stack = [root];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    for (const link of below.get(id) ?? []) {
      if (link.mode === 'reference') return link;
      stack.push(link.child);
    }
  }
  return undefined;
}

/** A json: filename defines every child inline; a reference to another node has no spelling there. */
function referenceProblem(graph: BlockGraph, link: ChildLink): Diagnostic {
  const child = graph.nodes[link.child]?.name ?? link.child;
  const reason = `it references '${child}' as its ${link.role}, and a json: filename can only define children inline`;
  return diagnostic(
    'E401',
    { node: link.parent, form: 'a json: filename', reason },
    { node: link.parent, path: link.role },
  );
}
