import type { JsonObject, JsonValue } from '../json.ts';

/**
 * QEMU's JSON reader (qobject/json-lexer.c, json-parser.c, qjson.c: qobject_from_json) with its
 * error texts. It differs from JSON.parse: strings may be single-quoted, and the messages are
 * QEMU's ("JSON parse error, premature EOI", "Expecting at most one JSON value"…).
 */
export type QJsonResult = { ok: true; value: JsonValue } | { ok: false; message: string };

type Token =
  | { kind: 'punct'; text: '{' | '}' | '[' | ']' | ',' | ':' }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'keyword'; text: string };

class QJsonError extends Error {}

const parseError = (what: string) => new QJsonError(`JSON parse error, ${what}`);
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

function readString(text: string, start: number): { token: Token; next: number } {
  const quote = text[start];
  let value = '';
  for (let at = start + 1; at < text.length; at++) {
    const ch = text[at] as string;
    if (ch === quote) return { token: { kind: 'string', value }, next: at + 1 };
    if (ch !== '\\') {
      value += ch;
      continue;
    }
    const esc = text[at + 1] ?? '';
    if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) {
      value += String.fromCharCode(parseInt(text.slice(at + 2, at + 6), 16));
      at += 5;
    } else if (ESCAPES[esc] !== undefined) {
      value += ESCAPES[esc];
      at++;
    } else {
      throw parseError('invalid escape sequence in string');
    }
  }
  throw parseError('premature EOI');
}

/** qobject/json-lexer.c: punctuation, strings, numbers and lower-case keywords. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (let at = 0; at < text.length;) {
    const rest = text.slice(at);
    const ch = rest[0] as string;
    const number = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/.exec(rest);
    const keyword = /^[a-z]+/.exec(rest);
    if (/\s/.test(ch)) at++;
    else if ('{}[],:'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch as '{' });
      at++;
    } else if (ch === '"' || ch === "'") {
      const { token, next } = readString(text, at);
      tokens.push(token);
      at = next;
    } else if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]) });
      at += number[0].length;
    } else if (keyword) {
      tokens.push({ kind: 'keyword', text: keyword[0] });
      at += keyword[0].length;
    } else throw parseError(`stray '${ch}'`);
  }
  return tokens;
}

class Parser {
  at = 0;
  constructor(private readonly tokens: Token[]) {}

  next(): Token {
    const token = this.tokens[this.at++];
    if (token === undefined) throw parseError('premature EOI');
    return token;
  }

  value(): JsonValue {
    const token = this.next();
    if (token.kind === 'string' || token.kind === 'number') return token.value;
    if (token.kind === 'keyword') return keywordValue(token.text);
    if (token.text === '{') return this.object();
    if (token.text === '[') return this.array();
    throw parseError('expecting value');
  }

  object(): JsonObject {
    const out: JsonObject = {};
    if (this.peekPunct('}')) return out;
    for (;;) {
      // json-parser.c: parse_pair parses the key as any value first, so `{,` says "expecting value".
      const key = this.value();
      if (typeof key !== 'string') throw parseError('key is not a string in object');
      if (!isPunct(this.next(), ':')) throw parseError('missing : in object pair');
      Object.defineProperty(out, key, { value: this.value(), enumerable: true, writable: true, configurable: true });
      const sep = this.next();
      if (isPunct(sep, '}')) return out;
      if (!isPunct(sep, ',')) throw parseError('expected separator in dict');
    }
  }

  array(): JsonValue[] {
    const out: JsonValue[] = [];
    if (this.peekPunct(']')) return out;
    for (;;) {
      out.push(this.value());
      const sep = this.next();
      if (isPunct(sep, ']')) return out;
      if (!isPunct(sep, ',')) throw parseError('expected separator in list');
    }
  }

  private peekPunct(text: string): boolean {
    const token = this.tokens[this.at];
    if (token === undefined || !isPunct(token, text)) return false;
    this.at++;
    return true;
  }
}

const isPunct = (token: Token, text: string): boolean => token.kind === 'punct' && token.text === text;

function keywordValue(text: string): JsonValue {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  throw parseError(`invalid keyword '${text}'`);
}

/**
 * Parses exactly one JSON value as qobject_from_json does.
 *
 * @example parseQemuJson("{'driver': 'null-co'}") // { ok: true, value: { driver: 'null-co' } }
 */
export function parseQemuJson(text: string): QJsonResult {
  try {
    const tokens = tokenize(text);
    if (tokens.length === 0) return { ok: false, message: 'Expecting a JSON value' };
    const parser = new Parser(tokens);
    const value = parser.value();
    if (parser.at < tokens.length) return { ok: false, message: 'Expecting at most one JSON value' };
    return { ok: true, value };
  } catch (err) {
    if (err instanceof QJsonError) return { ok: false, message: err.message };
    throw err;
  }
}
