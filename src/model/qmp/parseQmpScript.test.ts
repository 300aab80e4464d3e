import { describe, expect, it } from 'vitest';
import { parseQmpScript } from './parseQmpScript.ts';

const NODE = '{"execute":"blockdev-add","arguments":{"driver":"null-co","node-name":"n0"}}';
const DEL = '{"execute":"blockdev-del","arguments":{"node-name":"n0"}}';
const CAPS = '{"execute":"qmp_capabilities"}';
const commands = [
  { execute: 'blockdev-add', arguments: { driver: 'null-co', 'node-name': 'n0' } },
  { execute: 'blockdev-del', arguments: { 'node-name': 'n0' } },
];

function problems(text: string) {
  const result = parseQmpScript(text);
  if (result.ok) throw new Error('expected a failure');
  return result.diagnostics.map(({ code, message, line, column }) => ({ code, message, line, column }));
}

describe('parseQmpScript: accepted forms', () => {
  it('reads a JSON array and drops qmp_capabilities', () => {
    expect(parseQmpScript(`[\n  ${CAPS},\n  ${NODE},\n  ${DEL}\n]\n`)).toEqual({ ok: true, value: commands });
  });

  it('keeps a qmp_capabilities after the first command: QEMU answers it with an error', () => {
    expect(parseQmpScript(`${NODE}\n${CAPS}`)).toEqual({
      ok: true,
      value: [commands[0], { execute: 'qmp_capabilities' }],
    });
    expect(parseQmpScript(`${CAPS}\n${CAPS}`)).toEqual({ ok: true, value: [{ execute: 'qmp_capabilities' }] });
  });

  it('reads JSON lines with blank lines, with or without qmp_capabilities', () => {
    expect(parseQmpScript(`${CAPS}\n\n${NODE}\n   \n${DEL}\n`)).toEqual({ ok: true, value: commands });
    expect(parseQmpScript(`${NODE}\r\n${DEL}`)).toEqual({ ok: true, value: commands });
  });

  it('reads pretty-printed commands one after another', () => {
    const text = JSON.stringify(commands[0], null, 2) + '\n' + JSON.stringify(commands[1], null, 2);
    expect(parseQmpScript(text)).toEqual({ ok: true, value: commands });
  });

  it('keeps a command without arguments and drops a QMP id', () => {
    expect(parseQmpScript('{"execute":"query-block","id":7}')).toEqual({
      ok: true,
      value: [{ execute: 'query-block' }],
    });
  });

  it('reads an empty text or an empty array as no commands', () => {
    expect(parseQmpScript('')).toEqual({ ok: true, value: [] });
    expect(parseQmpScript(' [ ] ')).toEqual({ ok: true, value: [] });
  });

  it('decodes string escapes', () => {
    const result = parseQmpScript('{"execute":"x","arguments":{"s":"a\\"b\\u00e9\\n"}}');
    expect(result).toEqual({ ok: true, value: [{ execute: 'x', arguments: { s: 'a"bé\n' } }] });
  });
});

describe('parseQmpScript: errors with line and column', () => {
  it('reports a syntax error where it is (E001)', () => {
    expect(problems(`${NODE}\n{"execute": "blockdev-del" "arguments": {}}`)).toEqual([
      { code: 'E001', message: "Not valid JSON: unexpected '\"', expected ',' or '}'", line: 2, column: 28 },
    ]);
  });

  it('reports a syntax error inside an array', () => {
    expect(problems('[\n  {"execute": "a"},\n  {"execute": tru}\n]')).toEqual([
      { code: 'E001', message: "Not valid JSON: unexpected 't'", line: 3, column: 15 },
    ]);
  });

  it('reports a missing closing bracket at the end', () => {
    expect(problems(`[${NODE}`)).toEqual([
      { code: 'E001', message: "Not valid JSON: unexpected end of input, expected ',' or ']'", line: 1, column: 78 },
    ]);
  });
});

describe('parseQmpScript: JSON that QEMU would not take', () => {
  it('refuses duplicate keys as QEMU does', () => {
    expect(problems('{"execute":"blockdev-add",\n "arguments":{"node-name":"a","node-name":"b"}}')).toEqual([
      { code: 'E001', message: "Not valid JSON: duplicate key 'node-name'", line: 2, column: 31 },
    ]);
  });

  it('refuses an unterminated string and a control character in a string', () => {
    expect(problems('{"execute":"blockdev')[0]).toMatchObject({ code: 'E001', line: 1, column: 12 });
    expect(problems('{"execute":"a\tb"}')[0]).toMatchObject({
      code: 'E001',
      message: 'Not valid JSON: control character in string',
    });
  });
});

describe('parseQmpScript: commands of the wrong shape', () => {
  it('refuses text after the array', () => {
    expect(problems(`[${NODE}]\n${DEL}`)).toEqual([
      { code: 'E001', message: 'Not valid JSON: unexpected text after the array', line: 2, column: 1 },
    ]);
  });

  it('reports every command of the wrong shape (E002), each at its first character', () => {
    const text = [
      '[',
      '  42,',
      '  {"arguments": {}},',
      '  {"execute": 1},',
      '  {"execute": "a", "arguments": []},',
      '  {"execute": "a", "extra": 1}',
      ']',
    ].join('\n');
    expect(problems(text)).toEqual([
      { code: 'E002', message: 'Expected a command: a JSON object with "execute"', line: 2, column: 3 },
      { code: 'E002', message: 'Expected "execute" to be a string naming the command', line: 3, column: 3 },
      { code: 'E002', message: 'Expected "execute" to be a string naming the command', line: 4, column: 3 },
      { code: 'E002', message: 'Expected "arguments" to be a JSON object', line: 5, column: 3 },
      {
        code: 'E002',
        message: 'Expected only "execute", "arguments" and "id" in a command, not "extra"',
        line: 6,
        column: 3,
      },
    ]);
  });

  it('reports shape errors in JSON lines by line', () => {
    expect(problems(`${NODE}\n\n   "blockdev-del"\n`)).toEqual([
      { code: 'E002', message: 'Expected a command: a JSON object with "execute"', line: 3, column: 4 },
    ]);
  });
});
