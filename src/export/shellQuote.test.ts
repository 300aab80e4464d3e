import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCommandLine, quoteWord, shellQuote } from './shellQuote.ts';

/**
 * Reads back the subset of POSIX shell syntax the quoter writes: bare words, single-quoted runs,
 * `\x` outside quotes, `\` + newline as a continuation, words separated by spaces. An oracle that
 * needs no process; shellQuote.bash.test.ts checks the same property against bash itself.
 */
function splitWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === ' ') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '\\' && text[i + 1] === '\n') {
      i++;
    } else if (c === '\\') {
      word = (word ?? '') + (text[++i] ?? '');
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated quote in ${text}`);
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** Characters the shell treats specially, weighted up so that random words hit them often. */
const SPECIAL = Array.from(` \t\n'"\\$\`!*?[]{}()<>|&;#~=%,:@é€😀`);
const wordArb = fc
  .oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom(...SPECIAL) }), fc.string())
  .map((word) => word.replaceAll('\0', ''));
const argvArb = fc.array(wordArb, { maxLength: 8 });

describe('shellQuote', () => {
  it('leaves plain words bare and single-quotes the rest', () => {
    expect(shellQuote(['qemu-img', 'info', '-f', 'qcow2', 'driver=file,filename=a.qcow2'])).toMatchInlineSnapshot(
      `"qemu-img info -f qcow2 driver=file,filename=a.qcow2"`,
    );
    expect(shellQuote(['echo', '', 'a b', "it's", '$HOME', '`id`', '!x', 'é', 'a\nb'])).toMatchInlineSnapshot(`
      "echo '' 'a b' 'it'\\''s' '$HOME' '\`id\`' '!x' 'é' 'a
      b'"
    `);
  });

  it('quotes what the shell would expand at the start of a word or take for an assignment', () => {
    expect(shellQuote(['a=b', 'a=b', '~', '=x', '#c', '-x'])).toBe("'a=b' a=b '~' '=x' '#c' -x");
    expect(shellQuote([])).toBe('');
  });

  it('refuses NUL, which no argv can hold', () => {
    expect(() => quoteWord('a\0b')).toThrow(RangeError);
  });

  it('reads back as the same words, whatever they hold', () => {
    fc.assert(
      fc.property(argvArb, (argv) => {
        expect(splitWords(shellQuote(argv))).toEqual(argv);
        expect(splitWords(formatCommandLine(argv))).toEqual(argv);
      }),
      { numRuns: 1000, seed: 20261126 },
    );
  });
});

describe('formatCommandLine', () => {
  it('puts each option and its value on a line of its own', () => {
    const argv = ['qemu-system-x86_64', '-nodefaults', '-blockdev', '{"driver":"null-co","node-name":"n 0"}', '-S'];
    expect(formatCommandLine(argv)).toMatchInlineSnapshot(`
      "qemu-system-x86_64 \\
        -nodefaults \\
        -blockdev '{"driver":"null-co","node-name":"n 0"}' \\
        -S"
    `);
  });
});
