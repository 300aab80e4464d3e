import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCommandLine, shellQuote } from '../../export/index.ts';

const run = promisify(execFile);

/** Characters the shell treats specially, weighted up so that random words hit them often. */
const SPECIAL = Array.from(` \t\n'"\\$\`!*?[]{}()<>|&;#~=%,:@é€😀`);
const wordArb = fc
  .oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom(...SPECIAL) }), fc.string())
  .map((word) => word.replaceAll('\0', ''));
const argvArb = fc.array(wordArb, { maxLength: 8 });

/**
 * Runs one bash for many command lines: each line sets the positional parameters from the quoted
 * text and prints their count and the words, NUL-terminated, so that any byte but NUL survives.
 */
async function bashWords(quotedLines: readonly string[]): Promise<string[][]> {
  const script = quotedLines.map((quoted) => `set -- ${quoted}\nprintf '%s\\0' "$#" "$@"\n`).join('');
  const { stdout } = await run('bash', ['-c', script], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  const fields = stdout.toString('utf8').split('\0');
  const out: string[][] = [];
  for (let i = 0; i < fields.length - 1;) {
    const count = Number(fields[i]);
    out.push(fields.slice(i + 1, i + 1 + count));
    i += 1 + count;
  }
  return out;
}

describe('shellQuote in bash', () => {
  it('gives bash back every argument byte for byte (400 random argv, 4 bash runs)', async () => {
    for (let batch = 0; batch < 4; batch++) {
      const argvs = fc.sample(argvArb, { numRuns: 100, seed: 20261126 + batch });
      expect(await bashWords(argvs.map((argv) => shellQuote(argv)))).toEqual(argvs);
      expect(await bashWords(argvs.map((argv) => formatCommandLine(argv)))).toEqual(argvs);
    }
  });

  it('survives the brief’s own check: bash -c \'printf "%s\\0" "$@"\' _ <quoted>', async () => {
    const argv = ['', 'a b', "it's", '$HOME', '`id`', '!x', 'a,,b', 'é€😀', 'a\nb', '"', '\\', '-'];
    const { stdout } = await run('bash', ['-c', `bash -c 'printf "%s\\0" "$@"' _ ${shellQuote(argv)}`]);
    expect(stdout.split('\0').slice(0, -1)).toEqual(argv);
  });
});
