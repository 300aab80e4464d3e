import { diagnostic, fail, loadDocumentText, type BlockGraph, type Result } from '../../model/index.ts';

/** The fragment parameter that carries a document: `#doc=…`. A fragment never reaches a server. */
export const SHARE_PARAM = 'doc';

/**
 * Packs a document for a link: its JSON, compressed with the browser's `CompressionStream('deflate-raw')`,
 * in base64url (no `+`, `/` or `=`, so the link needs no escaping).
 *
 * @example await encodeDocument(seedSimpleTree()) // 'q1ZKSs7PSc0tUrJSSi5KTM...'
 */
export async function encodeDocument(graph: BlockGraph): Promise<string> {
  const text = JSON.stringify(graph);
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

/**
 * Unpacks what `encodeDocument` packed. A damaged link gives E004 (what is wrong with it); a link
 * whose JSON is not a valid document gives the diagnostics of `loadDocumentText`.
 */
export async function decodeDocument(encoded: string): Promise<Result<BlockGraph>> {
  if (!/^[A-Za-z0-9_-]*$/.test(encoded)) {
    return fail(
      diagnostic('E004', { detail: 'it is not base64url text (letters, digits, - and _)' }, { path: '#doc' }),
    );
  }
  const bytes = fromBase64Url(encoded);
  if (bytes === undefined) return fail(diagnostic('E004', { detail: 'it is cut short' }, { path: '#doc' }));
  let text: string;
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    text = new TextDecoder('utf-8', { fatal: true }).decode(await new Response(stream).arrayBuffer());
  } catch {
    return fail(diagnostic('E004', { detail: 'its compressed data is damaged or cut short' }, { path: '#doc' }));
  }
  return loadDocumentText(text);
}

/** The packed document in a location's fragment (`#doc=…`, among other `&`-separated parameters), if any. */
export function sharedDocumentOf(hash: string): string | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get(SHARE_PARAM) ?? undefined;
}

/** A link to this editor (same origin, path and query) that opens `graph`. */
export async function shareUrl(
  location: Pick<Location, 'origin' | 'pathname' | 'search'>,
  graph: BlockGraph,
): Promise<string> {
  return `${location.origin}${location.pathname}${location.search}#${SHARE_PARAM}=${await encodeDocument(graph)}`;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of base64url text (checked by the caller), or undefined when its length cannot be base64's. */
function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (text.length % 4 === 1) return undefined;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
