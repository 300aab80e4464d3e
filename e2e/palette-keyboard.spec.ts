import { expect, test } from './fixtures.ts';

test('the palette is used from the keyboard: / searches, arrows choose, Enter adds', async ({ editor, page }) => {
  const search = page.getByRole('searchbox', { name: 'Search drivers' });
  await editor.canvas.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('/');
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('');

  await page.keyboard.type('qcow');
  await expect(search).toHaveAccessibleDescription('Enter adds qcow');
  await page.keyboard.press('ArrowDown');
  await expect(search).toHaveAccessibleDescription('Enter adds qcow2');
  await page.keyboard.press('Enter');
  await expect(editor.canvasNode('qcow2-1 (qcow2)')).toBeVisible();
  expect((await editor.document()).nodes['qcow2-1']?.driver).toBe('qcow2');

  // Escape empties the search; Tab reaches the entries, where the arrow keys move and Enter adds.
  await page.keyboard.press('Escape');
  await expect(search).toHaveValue('');
  await page.keyboard.type('null');
  await page.keyboard.press('Tab');
  await expect(editor.paletteButton('null-aio')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(editor.paletteButton('null-co')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(editor.canvasNode('null-co-1 (null-co)')).toBeVisible();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(search).toBeFocused();

  // "/" typed into a field is just a character.
  await search.fill('');
  await page.keyboard.type('a/b');
  await expect(search).toHaveValue('a/b');
  await expect(editor.palette.getByText('Nothing matches “a/b”.')).toBeVisible();
});
