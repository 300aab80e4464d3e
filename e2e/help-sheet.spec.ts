import { expect, test } from './fixtures.ts';

test('? opens the help sheet listing every shortcut (undo among them); Escape closes it and the focus returns', async ({
  editor,
  page,
}) => {
  await editor.addFromPalette('null-co');
  await editor.canvasNode('disk (qcow2)').focus();
  await page.keyboard.press('?');
  const sheet = editor.dialog('Keyboard shortcuts');
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('row', { name: 'Undo the last change Ctrl+Z' })).toBeVisible();
  await expect(sheet.getByRole('row', { name: /^Show the keyboard shortcuts \?$/ })).toBeVisible();
  // The sheet has the keys: Ctrl+Z pressed in it undoes nothing.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
  expect(Object.keys((await editor.document()).nodes)).toContain('null-co-1');
  await expect(editor.canvasNode('disk (qcow2)')).toBeFocused();

  await editor.toolbarButton('Help').click();
  await expect(sheet).toBeVisible();
  await sheet.getByRole('button', { name: 'Close' }).click();
  await expect(sheet).toHaveCount(0);
  await expect(editor.toolbarButton('Help')).toBeFocused();
});

test('the toolbar is one tab stop; the arrow keys, Home and End move between its buttons', async ({ editor, page }) => {
  const toolbar = editor.toolbar();
  await editor.toolbarButton('Help').focus();
  await page.keyboard.press('Home');
  // Undo and Redo have nothing to do yet: the first usable button is Open.
  await expect(editor.toolbarButton('Open')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(editor.toolbarButton('Save')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(toolbar.getByRole('button').last()).toBeFocused();
  await page.keyboard.press('End');
  await expect(toolbar.getByRole('button').last()).toBeFocused();
  expect(await toolbar.locator('[tabindex="0"]').count()).toBe(1);
  // Tab leaves the toolbar at once; Shift+Tab comes back to the button last used.
  await page.keyboard.press('Tab');
  await expect(toolbar.getByRole('button').last()).not.toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(toolbar.getByRole('button').last()).toBeFocused();
});
