import { describe, expect, it } from 'vitest';
import { splitCommandLine } from './shellWords.ts';

const words = (text: string) => {
  const result = splitCommandLine(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.words;
};

describe('splitCommandLine', () => {
  it('splits on blanks and drops a leading program name', () => {
    expect(words('qemu-system-x86_64  -drive\tfile=a.qcow2,if=none\n-snapshot')).toEqual([
      '-drive',
      'file=a.qcow2,if=none',
      '-snapshot',
    ]);
    expect(words('/usr/bin/qemu-system-x86_64 -S')).toEqual(['-S']);
    expect(words('-S')).toEqual(['-S']);
  });

  it('keeps single-quoted text literally and joins adjacent quoted parts into one word', () => {
    expect(words(`-drive 'file=json:{"driver":"raw",,"x":"a b"}'`)).toEqual([
      '-drive',
      'file=json:{"driver":"raw",,"x":"a b"}',
    ]);
    expect(words(`-drive file='my disk'.qcow2`)).toEqual(['-drive', 'file=my disk.qcow2']);
    expect(words(`-x '' -y ""`)).toEqual(['-x', '', '-y', '']);
    expect(words(`-x 'a\\b'`)).toEqual(['-x', 'a\\b']);
  });

  it('lets a backslash in double quotes escape only $ ` " \\ and newline', () => {
    expect(words('-x "a\\"b\\\\c\\d\\$e"')).toEqual(['-x', 'a"b\\c\\d$e']);
    expect(words('-x "one\\\ntwo"')).toEqual(['-x', 'onetwo']);
  });

  it('treats backslash-newline outside quotes as a line continuation', () => {
    expect(words('qemu \\\n  -drive file=a \\\n  -snapshot')).toEqual(['-drive', 'file=a', '-snapshot']);
    expect(words('-drive fi\\\nle=a')).toEqual(['-drive', 'file=a']);
    expect(words('-x a\\ b')).toEqual(['-x', 'a b']);
  });

  it('skips comments that start a word, not a # inside one', () => {
    expect(words('-S # pause\n-drive file=a#b')).toEqual(['-S', '-drive', 'file=a#b']);
  });

  it('names the line and column of what it cannot split', () => {
    expect(splitCommandLine("-S \\\n -drive 'file=a")).toEqual({
      ok: false,
      error: { message: 'unterminated single quote', line: 2, column: 9 },
    });
    expect(splitCommandLine('-x "abc')).toEqual({
      ok: false,
      error: { message: 'unterminated double quote', line: 1, column: 4 },
    });
    expect(splitCommandLine('-x abc\\')).toEqual({
      ok: false,
      error: { message: 'backslash at end of input', line: 1, column: 7 },
    });
    expect(splitCommandLine('-x a | b')).toEqual({
      ok: false,
      error: { message: "unsupported shell syntax '|' (quote it)", line: 1, column: 6 },
    });
  });

  it('gives the line and column where each word starts, quotes and continuations included', () => {
    const text = "qemu-system-x86_64 -drive 'file=a b',if=none \\\n  -blockdev x=1 \\\n\t-S";
    expect(splitCommandLine(text)).toEqual({
      ok: true,
      words: ['-drive', 'file=a b,if=none', '-blockdev', 'x=1', '-S'],
      positions: [
        { line: 1, column: 20 },
        { line: 1, column: 27 },
        { line: 2, column: 3 },
        { line: 2, column: 13 },
        { line: 3, column: 2 },
      ],
    });
  });
});
