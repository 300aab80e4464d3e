import { expect, test } from './fixtures.ts';

/** The browser globals a drop needs (the e2e project is typed without the DOM library). */
interface DropWindow {
  DataTransfer: new () => { items: { add: (file: object) => void } };
  File: new (parts: string[], name: string, options: { type: string }) => object;
}

const SCRIPT = [
  '{"execute":"qmp_capabilities"}',
  '{"execute":"blockdev-add","arguments":{"driver":"null-co","node-name":"nul0"}}',
  '',
].join('\n');

test('dropping a text file on the canvas opens the import dialog with its text; importing it replaces the graph', async ({
  editor,
  page,
}) => {
  const transfer = await page.evaluateHandle((text) => {
    const { DataTransfer, File } = globalThis as unknown as DropWindow;
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'setup.jsonl', { type: 'application/jsonl' }));
    return dt;
  }, SCRIPT);
  await editor.canvas.dispatchEvent('dragover', { dataTransfer: transfer });
  await editor.canvas.dispatchEvent('drop', { dataTransfer: transfer });

  const dialog = editor.importDialog();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Text to import (from setup.jsonl)' })).toHaveValue(SCRIPT);
  await expect(dialog.getByRole('status', { name: 'Import preview' })).toContainText(
    'Detected: QMP script (1 command)',
  );
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(editor.canvasNode('nul0 (null-co)')).toBeVisible();
  await expect(editor.notice).toContainText('Imported QMP script (1 command) from setup.jsonl');
  // The images panel got nothing: a text file is not a disk image.
  await expect(page.getByRole('button', { name: 'Remove setup.jsonl' })).toHaveCount(0);
});
