import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures.ts';

/** The browser's clipboard (the e2e project is typed without the DOM library). */
interface ClipboardWindow {
  navigator: { clipboard: { readText: () => Promise<string>; writeText: (text: string) => Promise<void> } };
}

const TABS = ['QMP', '-blockdev', '-drive', 'json:', 'command line', 'document'] as const;

/** The file name each tab's Download suggests. */
const FILES: Record<(typeof TABS)[number], string> = {
  QMP: 'graph.qmp.json',
  '-blockdev': 'graph.blockdev.txt',
  '-drive': 'graph.drive.txt',
  'json:': 'graph.json-filename.txt',
  'command line': 'graph.sh',
  document: 'graph.blockgraph.json',
};

test('every export tab shows its output; Download saves exactly the text shown', async ({ editor, page }) => {
  for (const name of TABS) {
    await editor.exportTab(name).click();
    await expect(editor.exportTab(name)).toHaveAttribute('aria-selected', 'true');
    const panel = editor.exportTabPanel();
    const output = panel.getByLabel(`${name} output`, { exact: true });
    const text = (await output.textContent()) ?? '';
    expect(text.trim(), name).not.toBe('');
    if (name === 'QMP') {
      const commands = JSON.parse(text) as { execute: string }[];
      expect(commands.map((c) => c.execute)).toContain('blockdev-add');
    }
    if (name === 'document') expect(JSON.parse(text)).toEqual(await editor.document());

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Download', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(FILES[name]);
    const path = test.info().outputPath(download.suggestedFilename());
    await download.saveAs(path);
    expect(await readFile(path, 'utf8')).toBe(text);
  }
});

test('the tabs follow the arrow keys; QMP options change the script, its rollback shown too', async ({
  editor,
  page,
}) => {
  await editor.exportTab('QMP').focus();
  await page.keyboard.press('ArrowRight');
  await expect(editor.exportTab('-blockdev')).toBeFocused();
  await expect(editor.exportTab('-blockdev')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(editor.exportTab('document')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(editor.exportTab('QMP')).toBeFocused();
  await expect(editor.exportTab('QMP')).toHaveAttribute('aria-selected', 'true');

  const panel = editor.exportTabPanel();
  await panel.getByLabel('Layout').selectOption('flat');
  await panel.getByLabel('Text').selectOption('lines');
  const lines = ((await panel.getByLabel('QMP output', { exact: true }).textContent()) ?? '').trimEnd().split('\n');
  const doc = await editor.document();
  expect(lines.map((line) => (JSON.parse(line) as { execute: string }).execute)).toEqual(
    Object.keys(doc.nodes).map(() => 'blockdev-add'),
  );
  const rollback = (await panel.getByLabel('Rollback script', { exact: true }).textContent()) ?? '';
  expect(rollback.trimEnd().split('\n')).toHaveLength(lines.length);
  expect(rollback).toContain('"execute":"blockdev-del"');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Download', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('graph.qmp.jsonl');

  await panel.getByLabel('Layout').selectOption('nested');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await panel.getByRole('button', { name: 'Copy rollback', exact: true }).click();
  await expect(panel.getByRole('button', { name: 'Copy rollback', exact: true })).toHaveText('Copied');
  const copied = await page.evaluate(() => (globalThis as unknown as ClipboardWindow).navigator.clipboard.readText());
  expect(copied).toBe(await panel.getByLabel('Rollback script', { exact: true }).textContent());
});
