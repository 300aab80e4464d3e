import { expect, test } from './fixtures.ts';

test('a refused connection shows its reason by the pointer while dragging, then in the alert, and changes nothing', async ({
  editor,
}) => {
  const before = await editor.document();
  // A protocol node has no child roles at all: no handle to start a backing child from.
  await expect(editor.canvasNode('disk-file (file)').locator('.canvas-port__handle')).toHaveCount(0);
  // backing's own backing role is free; disk is above backing, so the drop would make a cycle.
  await expect(editor.roleHandle('backing (qcow2)', 'backing')).toHaveAttribute(
    'aria-label',
    'backing: optional, empty',
  );

  await editor.holdConnection(editor.roleHandle('backing (qcow2)', 'backing'), editor.inputHandle('disk (qcow2)'));
  const reason = "Connecting 'disk' below 'backing' would create a cycle";
  await expect(editor.connectionHint()).toHaveText(`Refused: ${reason}`);
  await expect(editor.inputHandle('disk (qcow2)')).toHaveClass(/connectingto/);
  await expect(editor.inputHandle('disk (qcow2)')).not.toHaveClass(/\bvalid\b/);

  await editor.drop();
  await expect(editor.connectionHint()).toHaveCount(0);
  await expect(editor.alert).toContainText(reason);
  expect((await editor.document()).links).toEqual(before.links);
  await expect(editor.canvasEdge('backing', 'disk', 'backing')).toHaveCount(0);
});

test('an accepted connection says what it makes before the drop', async ({ editor }) => {
  await editor.addFromPalette('qcow2');
  await editor.holdConnection(editor.roleHandle('qcow2-1 (qcow2)', 'backing'), editor.inputHandle('disk (qcow2)'));
  await expect(editor.connectionHint()).toHaveText('qcow2-1 → disk (backing, inline)');
  await editor.drop();
  await expect(editor.canvasEdge('qcow2-1', 'disk', 'backing')).toHaveCount(1);
  await expect(editor.alert).toBeEmpty();
});
