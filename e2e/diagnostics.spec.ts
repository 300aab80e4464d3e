import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const MISSING = "Parameter 'filename' is missing";

test('diagnostics list what is missing, point at the node and go away once fixed', async ({ editor }) => {
  await expect(editor.diagnosticsHeading()).toHaveText('Diagnostics 0');

  await editor.addFromPalette('file');
  await expect(editor.diagnosticsHeading()).toHaveText('Diagnostics 1');
  // The live region announces the count and the first new problem once the edit settles.
  await expect(editor.diagnostics.getByText(`1 diagnostic. New: file-1: ${MISSING}`, { exact: true })).toHaveAttribute(
    'aria-live',
    'polite',
  );
  const entry = editor.diagnosticEntries('file-1', MISSING);
  await expect(entry).toHaveCount(1);
  // The node carries a marker, and keeps its accessible name.
  const node = editor.canvasNode('file-1 (file)');
  await expect(node.getByRole('img', { name: `1 problem: ${MISSING}` })).toBeVisible();

  await editor.select('disk (qcow2)');
  await expect(editor.inspector.getByRole('heading', { name: 'disk', exact: true })).toBeVisible();
  await entry.click();
  await expect(editor.inspector.getByRole('heading', { name: 'file-1', exact: true })).toBeVisible();
  await expect(node).toHaveClass(/selected/);
  await expect.poll(() => distanceFromCanvasCentre(editor.canvas, node)).toBeLessThan(20);

  await editor.option('filename').fill('new.img');
  await expect(entry).toHaveCount(0);
  await expect(editor.diagnosticsHeading()).toHaveText('Diagnostics 0');
  await expect(node.getByRole('img')).toHaveCount(0);
});

/** How far the centre of a node is from the centre of the canvas, in screen pixels. */
async function distanceFromCanvasCentre(canvas: Locator, node: Locator): Promise<number> {
  const [a, b] = await Promise.all([canvas.boundingBox(), node.boundingBox()]);
  if (a === null || b === null) return Infinity;
  return Math.hypot(a.x + a.width / 2 - (b.x + b.width / 2), a.y + a.height / 2 - (b.y + b.height / 2));
}
