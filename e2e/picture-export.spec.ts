import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** Clicks a toolbar button and saves the download it starts; returns its file name and bytes. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = test.info().outputPath(file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

/** The parts of the browser's XML parser the test reads (the e2e project has no DOM types). */
interface XmlNode {
  localName: string;
  textContent: string | null;
}
interface XmlDocument {
  documentElement: XmlNode;
  querySelector: (selector: string) => XmlNode | null;
  querySelectorAll: (selector: string) => Iterable<XmlNode>;
}
interface ParserGlobal {
  DOMParser: new () => { parseFromString: (text: string, type: string) => XmlDocument };
}

/** Parses SVG text with the browser's XML parser: the parse error, or the texts of its <text> elements. */
async function parseSvg(page: Page, svg: string): Promise<{ error: string | null; root: string; texts: string[] }> {
  return page.evaluate((text) => {
    const { DOMParser } = globalThis as unknown as ParserGlobal;
    const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
    const error = parsed.querySelector('parsererror');
    return {
      error: error === null ? null : (error.textContent ?? 'parse error'),
      root: parsed.documentElement.localName,
      texts: [...parsed.querySelectorAll('text')].map((t) => t.textContent ?? ''),
    };
  }, svg);
}

test('the whole graph exports as SVG (parses, names as text) and as PNG, named after the document', async ({
  editor,
  page,
}) => {
  // A node far outside the view is in the picture too: the whole graph, not the viewport.
  await editor.addFromPalette('null-co');
  await editor.drag('null-co-1 (null-co)', 700, 500);

  const svg = await download(page, () => editor.toolbarButton('Export SVG').click());
  expect(svg.name).toBe('graph.svg');
  expect(svg.bytes.length).toBeGreaterThan(0);
  const parsed = await parseSvg(page, svg.bytes.toString('utf8'));
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  for (const name of ['vda', 'disk', 'disk-file', 'backing', 'backing-file', 'null-co-1']) {
    expect(parsed.texts.some((t) => t === name || t.startsWith(`${name} `))).toBe(true);
  }
  expect(parsed.texts).toContain('backing');
  await expect(editor.notice).toContainText('Exported graph.svg');

  const png = await download(page, () => editor.toolbarButton('Export PNG').click());
  expect(png.name).toBe('graph.png');
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // The IHDR chunk holds the size: twice the SVG's, for slides.
  const [width, height] = [png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)];
  const size = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg.bytes.toString('utf8'));
  expect([width, height]).toEqual([Number(size?.[1]) * 2, Number(size?.[2]) * 2]);
});

test('a transparent picture has no background; the theme background follows the dark theme', async ({
  editor,
  page,
}) => {
  const transparent = editor.toolbarButton('Transparent background');
  await transparent.click();
  await expect(transparent).toHaveAttribute('aria-pressed', 'true');
  const clear = await download(page, () => editor.toolbarButton('Export SVG').click());
  expect(clear.bytes.toString('utf8')).not.toMatch(/<rect width="\d+" height="\d+" fill=/);

  await transparent.click();
  await editor.toolbarButton(/^Theme/).click(); // system → light
  await editor.toolbarButton(/^Theme/).click(); // light → dark
  const dark = await download(page, () => editor.toolbarButton('Export SVG').click());
  expect(dark.bytes.toString('utf8')).toMatch(/<rect width="\d+" height="\d+" fill="#12161c"\/>/);
});
