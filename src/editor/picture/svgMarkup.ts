/** The fonts of the canvas (base.css and canvas.css), for text in a picture. */
export const FONT_SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
export const FONT_MONO = "ui-monospace, 'SFMono-Regular', Menlo, monospace";

/** Measures the width of a text in a CSS font (`600 14px system-ui`), in pixels. */
export type MeasureText = (text: string, font: string) => number;

/**
 * A width estimate for when nothing can measure text (tests, a browser without a 2D canvas): the
 * font size times an average advance, wider for monospace and bold.
 *
 * @example estimateTextWidth('file', '11px ui-monospace') // 26.4
 */
export function estimateTextWidth(text: string, font: string): number {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? '14');
  const advance = /mono/i.test(font) ? 0.6 : /\b[6-9]00\b|bold/.test(font) ? 0.62 : 0.56;
  return Math.round(text.length * size * advance * 10) / 10;
}

/**
 * Text as XML character data or an attribute value: `&`, `<`, `>`, quotes escaped, and characters XML
 * 1.0 cannot hold (controls other than tab and newlines, lone surrogates) replaced by U+FFFD, so any
 * node name gives a well-formed picture.
 *
 * @example escapeXml('<img src=x onerror="alert(1)">') // '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
 */
export function escapeXml(text: string): string {
  return Array.from(text, (char) => (isXmlChar(char.codePointAt(0) ?? 0) ? char : '\ufffd'))
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** True for a code point XML 1.0 allows in a document (its `Char` production). */
function isXmlChar(code: number): boolean {
  if (code < 0x20) return code === 0x9 || code === 0xa || code === 0xd;
  if (code <= 0xd7ff) return true;
  if (code < 0xe000) return false; // a lone surrogate
  return code <= 0xfffd || code >= 0x10000;
}

/** A number for SVG: at most two decimals, no exponent. */
export function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** Attribute value pairs; undefined values are left out. */
export type Attributes = Readonly<Record<string, string | number | undefined>>;

/**
 * An SVG element with escaped attributes; `content` is markup (already escaped), or undefined for an
 * empty element.
 *
 * @example element('rect', { x: 1, width: 2.555 }) // '<rect x="1" width="2.56"/>'
 */
export function element(name: string, attributes: Attributes, content?: string): string {
  const attrs = Object.entries(attributes)
    .flatMap(([key, value]) =>
      value === undefined ? [] : [` ${key}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`],
    )
    .join('');
  return content === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${content}</${name}>`;
}

/** A text element holding `text` (escaped). */
export function textElement(text: string, attributes: Attributes): string {
  return element('text', attributes, escapeXml(text));
}
