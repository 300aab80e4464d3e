import { describe, expect, it } from 'vitest';
import { generateNodes, quorumOfThree, seedSimpleTree } from '../../model/fixtures/index.ts';
import { decodeDocument, encodeDocument, shareUrl, sharedDocumentOf } from './shareLink.ts';

describe('share links', () => {
  it('carry a document through deflate-raw and base64url, and bring it back equal', async () => {
    for (const graph of [seedSimpleTree(), quorumOfThree(), generateNodes(300)]) {
      const packed = await encodeDocument(graph);
      expect(packed).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(await decodeDocument(packed)).toEqual({ ok: true, value: graph });
    }
  });

  it('compress: a 300-node document packs into far fewer characters than its JSON', async () => {
    const graph = generateNodes(300);
    expect((await encodeDocument(graph)).length).toBeLessThan(JSON.stringify(graph).length / 4);
  });

  it('put the document in the fragment, keeping the path and query', async () => {
    const location = { origin: 'https://example.org', pathname: '/editor/', search: '?e2e' };
    const url = await shareUrl(location, seedSimpleTree());
    expect(url.startsWith('https://example.org/editor/?e2e#doc=')).toBe(true);
    const packed = sharedDocumentOf(new URL(url).hash);
    expect(packed).toBe(url.slice(url.indexOf('#doc=') + 5));
    expect(sharedDocumentOf('#other=1')).toBeUndefined();
    expect(sharedDocumentOf('')).toBeUndefined();
  });

  it('say what is wrong with a damaged link', async () => {
    const packed = await encodeDocument(seedSimpleTree());
    const notBase64 = await decodeDocument('abc$%');
    expect(notBase64.ok ? [] : notBase64.diagnostics).toEqual([
      {
        code: 'E004',
        severity: 'error',
        message: "The link's document cannot be read: it is not base64url text (letters, digits, - and _)",
        path: '#doc',
      },
    ]);
    const cut = await decodeDocument(packed.slice(0, 4 * Math.floor(packed.length / 8)));
    expect(cut.ok ? [] : cut.diagnostics.map((d) => d.message)).toEqual([
      "The link's document cannot be read: its compressed data is damaged or cut short",
    ]);
    const odd = await decodeDocument(packed.slice(0, 4 * Math.floor(packed.length / 8) + 1));
    expect(odd.ok ? [] : odd.diagnostics.map((d) => d.message)).toEqual([
      "The link's document cannot be read: it is cut short",
    ]);
  });

  it('report a packed text that is not a document with the loader’s diagnostics', async () => {
    const stream = new Blob(['{"blockgraph": 7}']).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    const packed = btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    const result = await decodeDocument(packed);
    expect(result.ok ? [] : result.diagnostics.map((d) => d.code)).toEqual(['E003']);
  });
});
