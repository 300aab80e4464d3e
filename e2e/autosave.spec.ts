import { expect, test } from './fixtures.ts';
import { EditorPage } from './pages/EditorPage.ts';

test('the work is still there after a reload and in a new tab, without saving', async ({ editor, context }) => {
  await editor.addFromPalette('null-co');
  await editor.select('disk (qcow2)');
  await editor.option('cache-size').fill('1048576');
  await editor.drag('backing-file (file)', 80, 40);
  const work = await editor.document();

  await editor.page.reload();
  await editor.canvasNode('null-co-1 (null-co)').waitFor();
  expect(await editor.document()).toEqual(work);

  // Written shortly after the last edit, not only when the page goes: a crash or a killed tab loses nothing.
  await editor.select('null-co-1 (null-co)');
  await editor.press('Delete');
  const later = await editor.document();
  await expect.poll(() => editor.storedDocument()).toEqual(later);
  const tab = new EditorPage(await context.newPage());
  await tab.open();
  await expect(tab.canvasNode('disk (qcow2)')).toBeVisible();
  await expect(tab.canvasNode('null-co-1 (null-co)')).toHaveCount(0);
  expect(await tab.document()).toEqual(later);
});

test('a kept document that cannot be read is set aside and reported, not thrown away', async ({ editor }) => {
  const broken = '{"blockgraph": 1, "nodes": {"d": {"driver": "qcow2", "name": "1bad"}}}';
  await editor.page.evaluate((text) => {
    localStorage.setItem('blockgraph.autosave', text);
  }, broken);
  await editor.page.reload();
  await editor.canvasNode('disk (qcow2)').waitFor();
  await expect(editor.notice).toContainText('The autosaved document cannot be opened');
  await expect(editor.notice).toContainText("error in node 'd' at nodes.d.name: Invalid node-name: '1bad' [E104]");
  const kept = await editor.page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.startsWith('blockgraph.unreadable.'))
      .map((key) => localStorage.getItem(key)),
  );
  expect(kept).toEqual([broken]);
});
