/**
 * Splits a command line into words as a POSIX shell does (XCU 2.2 "Quoting", 2.3 "Token
 * Recognition"), without expansions: `$`, `*` and `~` stay literal. Operators that would start
 * another command or a redirection (`|`, `;`, `&`, `<`, `>`, `(`, `)`, backquote) are refused,
 * because a QEMU invocation never needs them unquoted.
 */

/** Where and why a command line cannot be split; `line` and `column` are 1-based. */
export interface SplitError {
  message: string;
  line: number;
  column: number;
}

/** Where a word starts in the text (its first character, quote included); 1-based. */
export interface WordPosition {
  line: number;
  column: number;
}

/** The words with where each starts (`positions[i]` is `words[i]`'s), or where the text cannot be split. */
export type SplitResult = { ok: true; words: string[]; positions: WordPosition[] } | { ok: false; error: SplitError };

const OPERATORS = new Set(['|', ';', '&', '<', '>', '(', ')', '`']);
const BLANKS = new Set([' ', '\t', '\n']);
/** Inside double quotes a backslash escapes only these (XCU 2.2.3). */
const DQUOTE_ESCAPABLE = new Set(['$', '`', '"', '\\', '\n']);

interface Cursor {
  text: string;
  at: number;
}

/** 1-based line and column of an offset. */
function position(text: string, offset: number): WordPosition {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Positions of increasing offsets in one pass over the text (a word list is read left to right). */
function positionsOf(text: string, offsets: readonly number[]): WordPosition[] {
  const out: WordPosition[] = [];
  let line = 1;
  let lineStart = 0;
  let at = 0;
  for (const offset of offsets) {
    for (; at < offset; at++) {
      if (text[at] === '\n') {
        line++;
        lineStart = at + 1;
      }
    }
    out.push({ line, column: offset - lineStart + 1 });
  }
  return out;
}

class SplitFailure extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Reads a single-quoted part; the cursor is on the opening quote. */
function singleQuoted(c: Cursor): string {
  const end = c.text.indexOf("'", c.at + 1);
  if (end < 0) throw new SplitFailure('unterminated single quote', c.at);
  const part = c.text.slice(c.at + 1, end);
  c.at = end + 1;
  return part;
}

/** Reads a double-quoted part; the cursor is on the opening quote. */
function doubleQuoted(c: Cursor): string {
  const start = c.at;
  let out = '';
  for (c.at++; c.at < c.text.length; c.at++) {
    const ch = c.text[c.at] as string;
    if (ch === '"') {
      c.at++;
      return out;
    }
    const next = c.text[c.at + 1];
    if (ch === '\\' && next !== undefined && DQUOTE_ESCAPABLE.has(next)) {
      if (next !== '\n') out += next;
      c.at++;
    } else {
      out += ch;
    }
  }
  throw new SplitFailure('unterminated double quote', start);
}

/** Reads one word starting at a non-blank; returns undefined for a comment. */
function word(c: Cursor): string | undefined {
  if (c.text[c.at] === '#') {
    while (c.at < c.text.length && c.text[c.at] !== '\n') c.at++;
    return undefined;
  }
  let out = '';
  while (c.at < c.text.length) {
    const ch = c.text[c.at] as string;
    if (BLANKS.has(ch)) break;
    if (OPERATORS.has(ch)) throw new SplitFailure(`unsupported shell syntax '${ch}' (quote it)`, c.at);
    if (ch === "'") out += singleQuoted(c);
    else if (ch === '"') out += doubleQuoted(c);
    else if (ch === '\\') out += escaped(c);
    else {
      out += ch;
      c.at++;
    }
  }
  return out;
}

/** A backslash outside quotes: the next character literally, or nothing for a line continuation. */
function escaped(c: Cursor): string {
  const next = c.text[c.at + 1];
  if (next === undefined) throw new SplitFailure('backslash at end of input', c.at);
  c.at += 2;
  return next === '\n' ? '' : next;
}

/**
 * Splits `text` into shell words. A leading program name (a first word not starting with `-`,
 * such as `qemu-system-x86_64`) is dropped, so pasted invocations work.
 *
 * Each word comes with the line and column where it starts, for diagnostics about it.
 *
 * @example splitCommandLine("qemu-system-x86_64 -drive 'file=a b.qcow2',if=none \\\n  -snapshot")
 *   // { ok: true, words: ['-drive', 'file=a b.qcow2,if=none', '-snapshot'],
 *   //   positions: [{ line: 1, column: 20 }, { line: 1, column: 27 }, { line: 2, column: 3 }] }
 */
export function splitCommandLine(text: string): SplitResult {
  const c: Cursor = { text, at: 0 };
  const words: string[] = [];
  const starts: number[] = [];
  try {
    while (c.at < text.length) {
      if (BLANKS.has(text[c.at] as string)) {
        c.at++;
      } else if (text.startsWith('\\\n', c.at)) {
        c.at += 2;
      } else {
        const start = c.at;
        const w = word(c);
        if (w !== undefined) {
          words.push(w);
          starts.push(start);
        }
      }
    }
  } catch (err) {
    if (!(err instanceof SplitFailure)) throw err;
    return { ok: false, error: { message: err.message, ...position(text, err.offset) } };
  }
  if (words.length > 0 && !(words[0] as string).startsWith('-')) {
    words.shift();
    starts.shift();
  }
  return { ok: true, words, positions: positionsOf(text, starts) };
}
