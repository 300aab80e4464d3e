import { expect, test } from './fixtures.ts';

const MARKUP = '<img src=x onerror=alert(1)>';

test('user text is shown as text, never as markup', async ({ editor, page }) => {
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });

  await editor.addFromPalette('file');
  await expect(editor.canvasNode('file-1 (file)')).toBeVisible();
  await editor.option('filename').fill(MARKUP);

  await expect.poll(() => editor.qmpText()).toContain(`"filename":"${MARKUP}"`);
  expect((await editor.document()).nodes['file-1']?.options).toEqual({ filename: MARKUP });
  await expect(editor.option('filename')).toHaveValue(MARKUP);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toBe(0);
});
