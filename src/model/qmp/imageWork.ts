import type { BlockGraph, BlockNode, ChildLink } from '../document.ts';
import type { ImageHeader } from '../images/probeImage.ts';
import { presentsFileBytes, readFormatHeader } from '../open/formatHeader.ts';
import type { GivenValues } from '../open/given.ts';
import type { ImageSource } from '../open/imageSource.ts';
import { OPEN_TEXT } from '../open/openText.ts';
import { openTraits } from '../open/openTraits.ts';

/** Nodes QEMU opened from image headers during one blockdev-add: document nodes and links, and what each was given. */
export interface Implicit {
  nodes: Record<string, BlockNode>;
  links: ChildLink[];
  given: Map<string, GivenValues>;
}

/** What a blockdev-add with images at hand reads and opens on top of what it was given. */
export interface ImageWork {
  source: ImageSource;
  /** The header each format node's driver read, by document id. */
  headers: Map<string, ImageHeader>;
  added: Implicit;
}

/** Fresh bookkeeping for one blockdev-add. */
export function newImageWork(source: ImageSource): ImageWork {
  return { source, headers: new Map(), added: { nodes: {}, links: [], given: new Map() } };
}

/** A document node, among the planned ones and those this command opened from headers. */
function nodeOf(graph: BlockGraph, work: ImageWork, id: string): BlockNode | undefined {
  return graph.nodes[id] ?? work.added.nodes[id];
}

/**
 * The first bytes a node presents, as a format driver over it reads them: a host file's, through a
 * filter or raw its file child's, none from a format or null-co (no magic there); undefined where
 * blockgraph cannot know them (network protocols and other drivers it does not open).
 */
function nodeBytes(
  graph: BlockGraph,
  work: ImageWork,
  id: string,
  link: LinkLookup,
  depth = 0,
): Uint8Array | undefined {
  const node = nodeOf(graph, work, id);
  if (node === undefined || depth > 64) return undefined;
  const traits = openTraits(node.driver);
  if (traits.unsupportedFilename) return undefined;
  const filename = node.options.filename;
  if (traits.hostFile) return typeof filename === 'string' ? work.source.read(filename) : undefined;
  if (!presentsFileBytes(node.driver)) return new Uint8Array();
  const file = link(id, 'file') ?? work.added.links.find((l) => l.parent === id && l.role === 'file');
  return file === undefined ? undefined : nodeBytes(graph, work, file.child, link, depth + 1);
}

/** BlockDriverState.filename of a format node: its file child's (block.c: bdrv_open_inherit). */
function fileName(graph: BlockGraph, id: string, link: LinkLookup): string {
  const file = link(id, 'file');
  const filename = file === undefined ? undefined : graph.nodes[file.child]?.options.filename;
  return typeof filename === 'string' ? filename : '';
}

/** The first link of a parent in a role among a document's links (what `graph.links.find` would give). */
export type LinkLookup = (parent: string, role: string) => ChildLink | undefined;

/**
 * What the driver's open reads from the image, once the node is named: a host file must exist
 * (block/file-posix.c: raw_open_common), a format's image must be in its format, whose header
 * (kept in `work.headers`) may name a backing file. Returns QEMU's error text. `link` looks up
 * `graph`'s links.
 */
export function checkImage(graph: BlockGraph, work: ImageWork, id: string, link: LinkLookup): string | undefined {
  const node = graph.nodes[id];
  if (node === undefined) return undefined;
  const filename = node.options.filename;
  if (openTraits(node.driver).hostFile && typeof filename === 'string') {
    return work.source.read(filename) === undefined ? OPEN_TEXT.noSuchFile(filename) : undefined;
  }
  const file = link(id, 'file');
  const bytes = file === undefined ? undefined : nodeBytes(graph, work, file.child, link);
  const read = bytes === undefined ? undefined : readFormatHeader(node.driver, bytes, fileName(graph, id, link));
  if (read === undefined) return undefined;
  if ('error' in read) return read.error;
  work.headers.set(id, read.header);
  return undefined;
}
