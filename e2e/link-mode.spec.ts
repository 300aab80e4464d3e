import { expect, test } from './fixtures.ts';

test('an edge switches between inline and reference, and inheritance follows', async ({ editor }) => {
  await editor.selectEdge('disk', 'disk-file', 'file');
  const inline = editor.inspector.getByRole('radio', { name: 'Inline (defined inside disk)' });
  const reference = editor.inspector.getByRole('radio', { name: 'Reference' });
  await expect(inline).toBeChecked();

  await reference.check();
  await expect(reference).toBeChecked();
  expect((await editor.document()).links).toContainEqual({
    parent: 'disk',
    role: 'file',
    child: 'disk-file',
    mode: 'reference',
  });
  await expect(editor.canvas.getByTestId('canvas.edge-label').filter({ hasText: 'ref' })).toHaveCount(1);

  await editor.select('disk (qcow2)');
  await editor.groupOption('cache', 'direct').check();
  await editor.select('disk-file (file)');
  await expect(editor.inspector.getByText('referenced by disk: inherits nothing from it')).toBeVisible();
  await expect(editor.effectiveOption('cache.direct').getByRole('cell').first()).toHaveText('false');
  await expect(editor.effectiveOption('cache.direct')).toContainText('QEMU default');
});

test('a refused switch shows the model’s reason and leaves the link as it was', async ({ editor }) => {
  await editor.addFromPalette('raw');
  await editor.connect('raw-1 (raw)', 'disk-file (file)');
  expect((await editor.document()).links).toContainEqual({
    parent: 'raw-1',
    role: 'file',
    child: 'disk-file',
    mode: 'reference',
  });

  await editor.selectEdge('raw-1', 'disk-file', 'file');
  await editor.inspector.getByRole('radio', { name: 'Inline (defined inside raw-1)' }).click();
  const reason = "'disk-file' is already defined inline in 'disk'";
  await expect(editor.inspector.getByText(reason)).toBeVisible();
  await expect(editor.inspector.getByRole('radio', { name: 'Reference' })).toBeChecked();
  const link = (await editor.document()).links.find((l) => l.parent === 'raw-1');
  expect(link?.mode).toBe('reference');
});

test('the selected edge switches mode from a button on its label, one undo away', async ({ editor, page }) => {
  await editor.selectEdge('disk', 'disk-file', 'file');
  await page.getByRole('button', { name: 'Make disk → disk-file (file) a reference' }).click();
  expect((await editor.document()).links).toContainEqual({
    parent: 'disk',
    role: 'file',
    child: 'disk-file',
    mode: 'reference',
  });
  await page.getByRole('button', { name: 'Make disk → disk-file (file) inline' }).click();
  expect((await editor.document()).links).toContainEqual({
    parent: 'disk',
    role: 'file',
    child: 'disk-file',
    mode: 'inline',
  });
  await page.keyboard.press('Control+z');
  expect((await editor.document()).links).toContainEqual({
    parent: 'disk',
    role: 'file',
    child: 'disk-file',
    mode: 'reference',
  });
});
