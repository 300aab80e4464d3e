import type { JsonObject, JsonValue } from '../json.ts';

/** A JSON value found in a text, with the offset of its first character. */
export interface Located {
  value: JsonValue;
  start: number;
}

/** Why a text is not JSON, and where (a character offset). */
export class JsonTextError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'JsonTextError';
  }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const LITERALS: readonly (readonly [string, JsonValue])[] = [
  ['true', true],
  ['false', false],
  ['null', null],
];

/**
 * A strict JSON reader that knows where things are: it reads a whole array with the offset of
 * every element, or a stream of values separated by whitespace (JSON lines), and refuses
 * duplicate keys as QEMU's parser does ("JSON parse error, duplicate key").
 */
export class JsonReader {
  private pos = 0;

  constructor(private readonly text: string) {}

  /** True when only whitespace is left. */
  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }

  /** The offset of the next character to read. */
  position(): number {
    return this.pos;
  }

  /** The next character after whitespace, without consuming it. */
  peek(): string | undefined {
    this.skipSpace();
    return this.text[this.pos];
  }

  /** Reads `[v, v, …]` and returns its elements with their offsets. */
  arrayElements(): Located[] {
    this.expect('[');
    const items: Located[] = [];
    if (this.peek() === ']') {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.located());
      if (this.punct(',', ']') === ']') return items;
    }
  }

  /** Reads one value with its offset. */
  located(): Located {
    this.skipSpace();
    const start = this.pos;
    return { value: this.value(), start };
  }

  private value(): JsonValue {
    const c = this.peek();
    if (c === '{') return this.object();
    if (c === '[') return this.arrayElements().map((item) => item.value);
    if (c === '"') return this.string();
    NUMBER.lastIndex = this.pos;
    const number = NUMBER.exec(this.text);
    if (number) {
      this.pos += number[0].length;
      return Number(number[0]);
    }
    for (const [word, value] of LITERALS) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    throw this.unexpected();
  }

  private object(): JsonObject {
    this.expect('{');
    const result: JsonObject = {};
    if (this.peek() === '}') {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipSpace();
      const keyAt = this.pos;
      if (this.text[this.pos] !== '"') throw this.unexpected('a string key');
      const key = this.string();
      if (Object.hasOwn(result, key)) throw new JsonTextError(`duplicate key '${key}'`, keyAt);
      this.expect(':');
      result[key] = this.value();
      if (this.punct(',', '}') === '}') return result;
    }
  }

  private string(): string {
    const start = this.pos;
    let i = start + 1;
    for (; i < this.text.length && this.text[i] !== '"'; i++) {
      const code = this.text.charCodeAt(i);
      if (code < 0x20) throw new JsonTextError('control character in string', i);
      if (this.text[i] === '\\') i++;
    }
    if (i >= this.text.length) throw new JsonTextError('unterminated string', start);
    this.pos = i + 1;
    try {
      return JSON.parse(this.text.slice(start, this.pos)) as string;
    } catch {
      throw new JsonTextError('invalid escape in string', start);
    }
  }

  private punct(...allowed: string[]): string {
    const c = this.peek();
    if (c === undefined || !allowed.includes(c)) throw this.unexpected(allowed.map((a) => `'${a}'`).join(' or '));
    this.pos++;
    return c;
  }

  private expect(c: string): void {
    this.punct(c);
  }

  private unexpected(expected?: string): JsonTextError {
    const c = this.text[this.pos];
    const found = c === undefined ? 'end of input' : `'${c}'`;
    return new JsonTextError(`unexpected ${found}${expected === undefined ? '' : `, expected ${expected}`}`, this.pos);
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos] as string)) this.pos++;
  }
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}
