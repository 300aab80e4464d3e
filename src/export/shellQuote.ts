/**
 * The one place where argv becomes shell text (house-style §2). Output is POSIX `sh` syntax, so
 * bash, dash and zsh read it back as the same words.
 */

/** Characters that never need quoting, in any position (`=` and `~` are special at a word's start). */
const SAFE_WORD = /^[A-Za-z0-9_@%+:,./-]+$/;
/** Same, but `=` after the first character: only a command's first word can be an assignment (`a=b cmd`); zsh expands a leading `=`. */
const SAFE_LATER_WORD = /^[A-Za-z0-9_@%+:,./-][A-Za-z0-9_@%+=:,./-]*$/;
/** The lines of `formatCommandLine` after the first are indented by this much. */
const INDENT = '  ';

/**
 * One word as the shell must see it: left bare when every character is harmless, otherwise
 * single-quoted, where nothing is special except `'` itself, written `'\''`. Newlines, `$`,
 * backticks, `!`, `\` and non-ASCII text survive inside single quotes unchanged.
 *
 * @throws RangeError for a word holding NUL: no process can receive one in its argv.
 * @example quoteWord("it's") // "'it'\\''s'"
 */
export function quoteWord(word: string, position: 'first' | 'later' = 'later'): string {
  if (word.includes('\0')) throw new RangeError('shellQuote: an argument cannot contain NUL');
  const safe = position === 'first' ? SAFE_WORD : SAFE_LATER_WORD;
  if (safe.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * A POSIX shell command string whose words are exactly `argv`: `bash -c 'printf "%s\0" "$@"' _ <result>`
 * prints every argument back byte for byte (UTF-8; strings must be well-formed UTF-16).
 *
 * @example shellQuote(['qemu-img', 'info', 'my disk.qcow2']) // "qemu-img info 'my disk.qcow2'"
 */
export function shellQuote(argv: readonly string[]): string {
  return argv.map((word, i) => quoteWord(word, i === 0 ? 'first' : 'later')).join(' ');
}

/**
 * Like `shellQuote`, but one option per line for reading: a line continuation (`\` + newline)
 * before every word that starts with `-`, so `-blockdev` and its value share a line.
 *
 * @example formatCommandLine(['qemu-system-x86_64', '-machine', 'pc']) // "qemu-system-x86_64 \\\n  -machine pc"
 */
export function formatCommandLine(argv: readonly string[]): string {
  const lines: string[][] = [];
  argv.forEach((word, i) => {
    const quoted = quoteWord(word, i === 0 ? 'first' : 'later');
    const current = lines.at(-1);
    if (current === undefined || (word.startsWith('-') && word.length > 1)) lines.push([quoted]);
    else current.push(quoted);
  });
  return lines.map((words) => words.join(' ')).join(` \\\n${INDENT}`);
}
