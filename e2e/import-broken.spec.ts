import { expect, test } from './fixtures.ts';

const BROKEN = 'qemu-system-x86_64 \\\n  -drive file=a.qcow2,format=qcow3';

test('importing a broken text shows a located error, moves the caret there, and changes nothing', async ({
  editor,
  page,
}) => {
  const before = await editor.document();
  await editor.headerButton('Import').click();
  const dialog = editor.importDialog();
  await expect(dialog).toBeVisible();
  const field = dialog.getByRole('textbox', { name: 'Text to import' });
  await expect(field).toBeFocused();
  await field.fill(BROKEN);

  const preview = dialog.getByRole('status', { name: 'Import preview' });
  await expect(preview).toContainText('Detected: QEMU command line (1 -drive)');
  const problems = dialog.getByRole('list', { name: 'Import problems' });
  await expect(problems.getByRole('listitem')).toHaveText([
    /^line 2, column 10 · at driver Unknown driver 'qcow3' \[E412\]$/,
  ]);
  await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();

  await problems.getByRole('button', { name: /^line 2, column 10/ }).click();
  await expect(field).toBeFocused();
  const caret = await field.evaluate((element) => (element as unknown as { selectionStart: number }).selectionStart);
  expect(BROKEN.slice(caret)).toBe('file=a.qcow2,format=qcow3');

  // Tab stays in the dialog: from the last control it comes back to the first.
  await dialog.getByRole('button', { name: 'Cancel' }).focus();
  await page.keyboard.press('Tab');
  await expect(field).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(editor.headerButton('Import')).toBeFocused();
  expect(await editor.document()).toEqual(before);
  await expect(editor.headerButton('Undo')).toBeDisabled();
});
