import { describe, expect, it } from 'vitest';
import { isPng, pictureFileName, PNG_MAX_AREA, PNG_MAX_SIDE, PNG_SCALE, pngScale } from './pictureFile.ts';
import { escapeXml, estimateTextWidth, num } from './svgMarkup.ts';

describe('pictureFileName', () => {
  it('names a picture after the document file', () => {
    expect(pictureFileName('graph.blockgraph.json', 'png')).toBe('graph.png');
    expect(pictureFileName('my disks.json', 'svg')).toBe('my disks.svg');
    expect(pictureFileName('a/b:c*?.blockgraph.json', 'svg')).toBe('a-b-c-.svg');
    expect(pictureFileName('.blockgraph.json', 'png')).toBe('graph.png');
    expect(pictureFileName('..', 'png')).toBe('graph.png');
  });
});

describe('pngScale', () => {
  it('draws twice the size when it fits, less when a side or the area would pass the canvas limits', () => {
    expect(pngScale(800, 600)).toBe(PNG_SCALE);
    expect(pngScale(20_000, 1_000)).toBeCloseTo(PNG_MAX_SIDE / 20_000);
    const big = pngScale(12_000, 12_000);
    expect(12_000 * big * 12_000 * big).toBeLessThanOrEqual(PNG_MAX_AREA + 1);
    expect(pngScale(0, 0)).toBe(PNG_SCALE);
  });
});

describe('isPng', () => {
  it('recognises the PNG signature', () => {
    expect(isPng(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(true);
    expect(isPng(new TextEncoder().encode('<svg'))).toBe(false);
    expect(isPng(new Uint8Array())).toBe(false);
  });
});

describe('svg markup', () => {
  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(escapeXml('a\u0000b\u001fc\td\ud800e\u{1f600}')).toBe('a\ufffdb\ufffdc\td\ufffde\u{1f600}');
  });

  it('writes numbers with two decimals at most', () => {
    expect([num(1.005), num(-0.001), num(12.3456), num(1e-7)]).toEqual(['1', '0', '12.35', '0']);
  });

  it('estimates wider text for monospace and bold fonts', () => {
    expect(estimateTextWidth('file', '11px ui-monospace')).toBe(26.4);
    expect(estimateTextWidth('abcd', '600 14px system-ui')).toBeGreaterThan(
      estimateTextWidth('abcd', '14px system-ui'),
    );
  });
});
