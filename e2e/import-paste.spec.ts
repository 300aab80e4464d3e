import { expect, test } from './fixtures.ts';

/** The browser's clipboard (the e2e project is typed without the DOM library). */
interface ClipboardWindow {
  navigator: { clipboard: { readText: () => Promise<string>; writeText: (text: string) => Promise<void> } };
}

const COMMAND_LINE = [
  'qemu-system-x86_64 -m 1G \\',
  '  -drive file=a.qcow2,if=none,id=d0,format=qcow2 \\',
  '  -drive file=b.raw,format=raw,if=none,id=d1 \\',
  '  -device virtio-blk-pci,drive=d0,id=vda0',
].join('\n');

test('pasting a QEMU command line on the canvas imports it; the detected form is named; undo brings the graph back', async ({
  editor,
  page,
}) => {
  const before = await editor.document();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate(
    (text) => (globalThis as unknown as ClipboardWindow).navigator.clipboard.writeText(text),
    COMMAND_LINE,
  );
  await editor.select('disk (qcow2)');
  await editor.press('Control+v');

  const dialog = editor.importDialog();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: /^Text to import/ })).toHaveValue(COMMAND_LINE);
  await expect(dialog.getByRole('textbox', { name: /^Text to import/ })).toBeFocused();
  const preview = dialog.getByRole('status', { name: 'Import preview' });
  await expect(preview).toContainText('Detected: QEMU command line (2 -drive, 1 -device)');
  await expect(preview).toContainText('Imports 4 nodes, 2 links, 1 frontend, 1 note.');
  // Nothing changes until the user imports.
  expect(await editor.document()).toEqual(before);

  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(editor.canvasNode('d0 (qcow2)')).toBeVisible();
  await expect(editor.canvasNode('d1 (raw)')).toBeVisible();
  await expect(editor.canvasNode('vda0 (virtio-blk-pci)')).toBeVisible();
  await expect(editor.canvasNode('disk (qcow2)')).toHaveCount(0);
  await expect(editor.notice).toContainText('Imported QEMU command line (2 -drive, 1 -device) from the clipboard');
  await expect(editor.notice.getByRole('listitem')).toHaveText(['-m 1G: not part of the block graph, ignored']);
  const imported = await editor.document();
  expect(imported.nodes.d0?.driver).toBe('qcow2');
  expect(imported.frontends?.vda0?.root).toBe('d0');

  await editor.headerButton('Undo').click();
  expect(await editor.document()).toEqual(before);
  await expect(editor.canvasNode('disk (qcow2)')).toBeVisible();
});

test('a paste of blockgraph’s own nodes still pastes nodes, without the import dialog', async ({ editor }) => {
  await editor.select('backing (qcow2)');
  await editor.press('Control+c');
  await editor.press('Control+v');
  await expect(editor.canvasNode('backing-1 (qcow2)')).toBeVisible();
  await expect(editor.importDialog()).toHaveCount(0);
});
