import { EditorPage } from './pages/EditorPage.ts';
import { expect, test } from './fixtures.ts';

test('a share link opens the same graph in a new browser', async ({ editor, browser }) => {
  await editor.addFromPalette('raw');
  await editor.connect('raw-1 (raw)', 'disk (qcow2)');
  await editor.select('disk (qcow2)');
  await editor.groupOption('cache', 'direct').check();
  await editor.drag('raw-1 (raw)', 60, -40);
  const shared = await editor.document();
  const link = await editor.shareLink();
  expect(link).toMatch(/\?e2e#doc=[A-Za-z0-9_-]+$/);

  // Another browser profile: no autosaved work of its own, nothing shared but the link.
  const elsewhere = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const other = new EditorPage(await elsewhere.newPage());
  await other.page.goto(link);
  await other.canvasNode('raw-1 (raw)').waitFor();
  expect(await other.document()).toEqual(shared);
  await expect(other.edgeLabels('file')).toHaveCount(3);
  await expect(other.notice).toContainText('Opened the document of the link');
  // The fragment is gone from the address, so a reload keeps later work.
  expect(new URL(other.page.url()).hash).toBe('');
  await elsewhere.close();
});

test('opening a link over earlier work keeps that work one undo away', async ({ editor }) => {
  await editor.addFromPalette('null-co');
  const shared = await editor.document();
  const link = await editor.shareLink();

  await editor.headerButton('Undo').click();
  await editor.addFromPalette('qcow2');
  const mine = await editor.document();
  await expect.poll(() => editor.storedDocument()).toEqual(mine);

  // A fresh load (not a fragment change in the open editor): the autosaved work comes back first.
  await editor.page.goto('about:blank');
  await editor.page.goto(link);
  await editor.canvasNode('null-co-1 (null-co)').waitFor();
  expect(await editor.document()).toEqual(shared);
  await editor.headerButton('Undo').click();
  expect(await editor.document()).toEqual(mine);
});

test('a damaged link pasted into the open editor says so and leaves the work as it was', async ({ editor }) => {
  await editor.addFromPalette('null-co');
  const mine = await editor.document();
  await expect.poll(() => editor.storedDocument()).toEqual(mine);
  const link = await editor.shareLink();
  await editor.page.goto(link.slice(0, link.length - 40));
  await expect(editor.notice).toContainText('The link’s document cannot be opened; your work is unchanged.');
  await expect(editor.notice).toContainText('[E004]');
  expect(await editor.document()).toEqual(mine);
});
