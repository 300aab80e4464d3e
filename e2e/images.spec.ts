import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import type { EditorPage } from './pages/EditorPage.ts';

const GHOST = '#disk/backing (qcow2, from image header)';
const GHOST_FILE = '#disk/backing/file (file, from image header)';
const MISSING = "Could not open backing file: Could not open 'backing.qcow2': No such file or directory";

/** The browser globals a drop needs (the e2e project is typed without the DOM library). */
interface DropWindow {
  DataTransfer: new () => { items: { add: (file: object) => void } };
  File: new (parts: Uint8Array[], name: string) => object;
}

let dir = '';

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'blockgraph-images-'));
  const qemuImg = (...args: string[]) => execFileSync('qemu-img', args, { cwd: dir, stdio: 'ignore' });
  qemuImg('create', '-f', 'qcow2', 'backing.qcow2', '1M');
  qemuImg('create', '-f', 'qcow2', '-b', 'backing.qcow2', '-F', 'qcow2', 'disk.qcow2', '1M');
});

test.afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Unlinks the seed's explicit backing and deletes that node, so disk's backing comes from its
 * image header. (A writable node left on backing.qcow2 would hold the "write" lock that the
 * header's read-only backing cannot share: QEMU refuses that, and so does the editor.)
 */
async function removeExplicitBacking(editor: EditorPage): Promise<void> {
  await editor.selectEdge('disk', 'backing', 'backing');
  await editor.page.keyboard.press('Delete');
  await expect(editor.canvasEdge('disk', 'backing', 'backing')).toHaveCount(0);
  await editor.select('backing (qcow2)');
  await editor.page.keyboard.press('Delete');
  await expect(editor.canvasNode('backing (qcow2)')).toHaveCount(0);
}

test('dropped images open the backing chain their headers name, as read-only ghosts', async ({ editor, page }) => {
  await removeExplicitBacking(editor);
  await expect(editor.canvasNode(GHOST)).toHaveCount(0);

  await page.getByLabel('Image files').setInputFiles([join(dir, 'disk.qcow2'), join(dir, 'backing.qcow2')]);
  const images = page.getByRole('region', { name: 'Images' });
  await expect(images.getByRole('listitem').filter({ hasText: 'disk.qcow2' })).toContainText(
    'backing: backing.qcow2 (qcow2)',
  );
  await expect(images.getByRole('listitem')).toHaveCount(2);

  const ghost = editor.canvasNode(GHOST);
  await expect(ghost).toBeVisible();
  await expect(ghost).toContainText('(from header) qcow2');
  await expect(editor.canvasNode(GHOST_FILE)).toBeVisible();
  await expect(editor.canvasEdge('disk', '#disk/backing', 'backing')).toHaveCount(1);
  await expect(editor.diagnosticsHeading()).toHaveText('Diagnostics 0');

  await ghost.click();
  await expect(editor.inspector.getByRole('heading', { name: '#disk/backing', exact: true })).toBeVisible();
  const values = editor.inspector.getByRole('region', { name: 'Effective values' });
  await expect(values.getByRole('row', { name: 'read-only true' })).toBeVisible();
  await expect(editor.inspector.getByRole('textbox')).toHaveCount(0);
  await expect(editor.inspector.getByRole('checkbox')).toHaveCount(0);
  // Ghosts are not in the document and cannot be deleted.
  await page.keyboard.press('Delete');
  await expect(ghost).toBeVisible();
  expect(Object.keys((await editor.document()).nodes)).not.toContain('#disk/backing');
  await page.screenshot({ path: 'test-results/images-ghosts.png' });

  await images.getByRole('button', { name: 'Remove backing.qcow2' }).click();
  await expect(editor.diagnosticEntries('disk', MISSING)).toHaveCount(1);
  await expect(ghost).toHaveCount(0);
});

test('dropping only the top image on the canvas reports its missing backing file', async ({ editor, page }) => {
  await removeExplicitBacking(editor);
  const bytes = Array.from(readFileSync(join(dir, 'disk.qcow2')));
  const transfer = await page.evaluateHandle((data) => {
    const { DataTransfer, File } = globalThis as unknown as DropWindow;
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'disk.qcow2'));
    return dt;
  }, bytes);
  await editor.canvas.dispatchEvent('dragover', { dataTransfer: transfer });
  await editor.canvas.dispatchEvent('drop', { dataTransfer: transfer });

  const entry = editor.diagnosticEntries('disk', MISSING);
  await expect(entry).toHaveCount(1);
  await expect(editor.diagnosticsHeading()).toHaveText('Diagnostics 1');
  await expect(editor.canvasNode(GHOST)).toHaveCount(0);
  await entry.click();
  await expect(editor.inspector.getByRole('heading', { name: 'disk', exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/images-missing.png' });
});
