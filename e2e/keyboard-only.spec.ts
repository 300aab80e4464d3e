import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import type { EditorPage } from './pages/EditorPage.ts';

/** What the focus check reads of an element (the e2e project has no DOM types). */
interface FocusableNode {
  ownerDocument: { activeElement: unknown };
}

/** Presses Tab (or Shift+Tab) until `target` has the focus: a bounded walk, as a keyboard user would. */
async function tabUntil(editor: EditorPage, target: Locator, what: string, key = 'Tab'): Promise<void> {
  for (let i = 0; i < 30; i += 1) {
    if (await target.evaluate((el: FocusableNode) => el === el.ownerDocument.activeElement)) return;
    await editor.press(key);
  }
  throw new Error(`${key} never reached ${what}`);
}

/** Walks the canvas with Tab (or Shift+Tab) to a node or edge by its accessible name. */
async function tabTo(editor: EditorPage, name: string, key = 'Tab'): Promise<void> {
  await tabUntil(editor, editor.canvas.getByRole('group', { name, exact: true }), name, key);
}

test('raw over file, built and connected from the keyboard alone; diagnostics announced', async ({ editor, page }) => {
  const announcement = editor.diagnostics.getByTestId('diagnostics.announcement');
  // The palette: "/" searches, Enter adds the best match (and selects it).
  await editor.press('/');
  await page.keyboard.type('raw');
  await editor.press('Enter');
  await expect(editor.canvasNode('raw-1 (raw)')).toBeVisible();
  await expect(announcement).toHaveText(/^1 diagnostic\. New: raw-1: /);
  // The focus stays in the search: Escape empties it for the next one.
  await editor.press('Escape');
  await page.keyboard.type('file');
  await editor.press('Enter');
  await expect(editor.canvasNode('file-1 (file)')).toBeVisible();

  // F6 leaves the search for the canvas, on the selected node; Shift+Tab walks back to raw-1; Enter selects it.
  await editor.press('F6');
  await expect(editor.canvasNode('file-1 (file)')).toBeFocused();
  await tabTo(editor, 'raw-1 (raw)', 'Shift+Tab');
  await editor.press('Enter');
  await expect(editor.inspector.getByRole('heading', { name: 'raw-1' })).toBeVisible();

  // Connect…: parent raw-1, its missing role file, and the newest node, file-1; Tab to Connect, Enter.
  await editor.press('c');
  const dialog = editor.dialog('Connect…');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Parent')).toHaveValue('raw-1');
  await expect(dialog.getByLabel('Role')).toHaveValue('file');
  await expect(dialog.getByLabel('Child')).toHaveValue('file-1');
  await expect(dialog.getByRole('status')).toHaveText('raw-1 → file-1 (file, inline)');
  await expect(dialog.getByLabel('Parent')).toBeFocused();
  await tabUntil(editor, dialog.getByRole('button', { name: 'Connect' }), 'Connect');
  await editor.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(editor.canvasNode('raw-1 (raw)')).toBeFocused();
  expect((await editor.document()).links).toContainEqual({
    parent: 'raw-1',
    role: 'file',
    child: 'file-1',
    mode: 'inline',
  });

  // The new edge (edges come before the nodes): Shift+Tab to it, Enter opens it in the inspector,
  // Delete removes it, Ctrl+Z brings it back.
  await tabTo(editor, 'raw-1 → file-1 (file)', 'Shift+Tab');
  await editor.press('Enter');
  await expect(editor.inspector).toContainText('file-1');
  await editor.press('Delete');
  await expect(editor.canvasEdge('raw-1', 'file-1', 'file')).toHaveCount(0);
  await editor.press('Control+z');
  await expect(editor.canvasEdge('raw-1', 'file-1', 'file')).toBeAttached();

  // The focus went with the deleted edge: F6 starts again at the toolbar; F6 twice more reaches the
  // canvas. Select file-1, F6 to the inspector, Tab to its filename, type: the missing filename is fixed.
  await editor.press('F6');
  await expect(editor.toolbar().locator(':focus')).toHaveCount(1);
  await editor.press('F6');
  await editor.press('F6');
  await tabTo(editor, 'file-1 (file)');
  await editor.press('Enter');
  await editor.press('F6');
  await expect(editor.inspector.locator(':focus')).toHaveCount(1);
  await tabUntil(editor, editor.option('filename'), 'the filename field');
  await page.keyboard.type('disk.img');
  await expect.poll(async () => (await editor.document()).nodes['file-1']?.options.filename).toBe('disk.img');
  await expect(announcement).toHaveText(/^No diagnostics\. \d+ fixed$/);
});
