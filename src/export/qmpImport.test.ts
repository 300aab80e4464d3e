import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../model/fixtures/index.ts';
import { fromQmpScript } from './qmpImport.ts';
import { toQmpScript } from './qmpScript.ts';

describe('fromQmpScript', () => {
  it.each(EXAMPLES.map((e) => [e.id, e] as const))(
    'reads back the QMP export of %s as the same script',
    (_id, example) => {
      const script = toQmpScript(example.build());
      if (!script.ok) throw new Error('example does not export');
      const imported = fromQmpScript(script.value);
      if (!imported.ok) throw new Error(imported.diagnostics.map((d) => d.message).join('; '));
      expect(toQmpScript(imported.value)).toEqual(script);
      expect(Object.keys(imported.value.layout.positions).length).toBeGreaterThan(0);
    },
  );

  it('refuses a script with a command QEMU refuses, naming the command and the argument', () => {
    const result = fromQmpScript([
      { execute: 'blockdev-add', arguments: { driver: 'null-co', 'node-name': 'a' } },
      { execute: 'blockdev-add', arguments: { driver: 'raw', 'node-name': 'r', file: 'nope' } },
    ]);
    expect(result).toMatchObject({
      ok: false,
      diagnostics: [
        { code: 'E500', path: '[1].arguments.file', message: "Cannot find device='nope' nor node-name='nope'" },
      ],
    });
  });
});
