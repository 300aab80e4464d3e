import { expect, test } from './fixtures.ts';

test('dragging from a connected role handle, or an edge’s end, moves that edge as one change', async ({
  editor,
  page,
}) => {
  const spare = await editor.dropFromPalette('file', { x: 120, y: 560 });
  const spareLabel = `${spare} (file)`;
  const before = await editor.document();
  await expect(editor.roleHandle('disk (qcow2)', 'file')).toHaveAttribute('aria-label', 'file: connected');

  // From disk's connected file handle to the new node: the file link moves there.
  await editor.holdConnection(editor.roleHandle('disk (qcow2)', 'file'), editor.inputHandle(spareLabel));
  await expect(editor.connectionHint()).toHaveText(`Move to disk → ${spare} (file, inline)`);
  await editor.drop();
  await expect(editor.canvasEdge('disk', spare, 'file')).toHaveCount(1);
  await expect(editor.canvasEdge('disk', 'disk-file', 'file')).toHaveCount(0);
  const moved = await editor.document();
  expect(moved.links).toHaveLength(before.links.length);
  expect(moved.links[0]).toEqual({ parent: 'disk', role: 'file', child: spare, mode: 'inline' });

  // One change: one undo brings the old link back.
  await editor.headerButton('Undo').click();
  await expect(editor.canvasEdge('disk', 'disk-file', 'file')).toHaveCount(1);
  expect((await editor.document()).links).toEqual(before.links);

  // The node end of an edge, dragged to another node, moves that edge too (React Flow's reconnection).
  const end = await editor.inputHandle('backing (qcow2)').boundingBox();
  const target = await editor.inputHandle(spareLabel).boundingBox();
  if (end === null || target === null) throw new Error('handles not on screen');
  await page.mouse.move(end.x + end.width / 2, end.y - 4);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
  await expect(editor.connectionHint()).toHaveText(`Move to disk → ${spare} (backing, inline)`);
  await page.mouse.up();
  await expect(editor.canvasEdge('disk', spare, 'backing')).toHaveCount(1);
  await expect(editor.canvasEdge('disk', 'backing', 'backing')).toHaveCount(0);
});
