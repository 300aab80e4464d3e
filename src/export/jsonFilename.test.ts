import { describe, expect, it } from 'vitest';
import { copyOnReadOverChain, quorumOfThree, rawOverNullCo, seedSimpleTree } from '../model/fixtures/index.ts';
import { toJsonFilename } from './jsonFilename.ts';

describe('toJsonFilename', () => {
  it('writes a node and its inline subtree as one json: object', () => {
    expect(toJsonFilename(rawOverNullCo(), 'raw0')).toMatchInlineSnapshot(`
      {
        "ok": true,
        "value": "json:{"driver":"raw","node-name":"raw0","file":{"driver":"null-co","size":1048576,"read-zeroes":true}}",
      }
    `);
  });

  it('writes any node of the document, not only top-level ones', () => {
    expect(toJsonFilename(seedSimpleTree(), 'backing')).toEqual({
      ok: true,
      value:
        'json:{"driver":"qcow2","node-name":"backing","file":{"driver":"file","node-name":"backing-file","filename":"backing.qcow2"}}',
    });
    expect(toJsonFilename(quorumOfThree(), 'qc1')).toMatchObject({ ok: true });
  });

  it('refuses a subtree that references another node, naming the referencing node', () => {
    expect(toJsonFilename(copyOnReadOverChain(), 'cor0')).toMatchInlineSnapshot(`
      {
        "diagnostics": [
          {
            "code": "E401",
            "message": "'top' cannot be written as a json: filename: it references 'base' as its backing, and a json: filename can only define children inline",
            "node": "top",
            "path": "backing",
            "severity": "error",
          },
        ],
        "ok": false,
      }
    `);
  });

  it('refuses an unknown node and a cycle', () => {
    expect(toJsonFilename(rawOverNullCo(), 'nope')).toMatchObject({ ok: false, diagnostics: [{ code: 'E103' }] });
    const doc = seedSimpleTree();
    const cyclic = {
      ...doc,
      links: [...doc.links, { parent: 'backing', role: 'backing', child: 'disk', mode: 'inline' as const }],
    };
    expect(toJsonFilename(cyclic, 'disk')).toMatchObject({ ok: false, diagnostics: [{ code: 'E203' }] });
  });
});
