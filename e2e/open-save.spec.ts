import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures.ts';

test('Save downloads the document; Open brings it back over later work, one undo away', async ({ editor }) => {
  await editor.addFromPalette('null-co');
  const saved = await editor.document();

  const [download] = await Promise.all([editor.page.waitForEvent('download'), editor.headerButton('Save').click()]);
  expect(download.suggestedFilename()).toBe('graph.blockgraph.json');
  const path = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(path);
  expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(saved);

  await editor.select('disk (qcow2)');
  await editor.press('Delete');
  const later = await editor.document();

  const [chooser] = await Promise.all([editor.page.waitForEvent('filechooser'), editor.headerButton('Open').click()]);
  await chooser.setFiles(path);
  await expect(editor.canvasNode('disk (qcow2)')).toBeVisible();
  expect(await editor.document()).toEqual(saved);
  await expect(editor.notice).toContainText('Opened graph.blockgraph.json');
  await editor.headerButton('Undo').click();
  expect(await editor.document()).toEqual(later);
});

test('Ctrl+S saves too, and an invalid file is refused with its diagnostics while the work stays', async ({
  editor,
}) => {
  const [download] = await Promise.all([editor.page.waitForEvent('download'), editor.press('Control+s')]);
  expect(download.suggestedFilename()).toBe('graph.blockgraph.json');
  const before = await editor.document();

  const [chooser] = await Promise.all([editor.page.waitForEvent('filechooser'), editor.headerButton('Open').click()]);
  await chooser.setFiles({
    name: 'broken.blockgraph.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{\n  "blockgraph": 1,\n  "links": [{"parent": "a"}]\n}\n'),
  });
  await expect(editor.notice).toContainText('broken.blockgraph.json cannot be opened as a blockgraph document');
  await expect(editor.notice.getByRole('listitem')).toHaveText([
    'error at links[0].role: Expected a string [E002]',
    'error at links[0].child: Expected a string [E002]',
    'error at links[0].mode: Expected a string [E002]',
  ]);
  expect(await editor.document()).toEqual(before);
  await expect(editor.headerButton('Undo')).toBeDisabled();
});
