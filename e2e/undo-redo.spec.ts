import { expect, test } from './fixtures.ts';

test('a drag is one undo entry: Undo puts the node back, Redo moves it again', async ({ editor }) => {
  const before = (await editor.document()).layout.positions['disk-file'];
  await expect(editor.headerButton('Undo')).toBeDisabled();
  await expect(editor.headerButton('Undo')).toHaveAttribute('title', 'Undo (Ctrl+Z)');

  await editor.drag('disk-file (file)', -120, 60);
  const after = (await editor.document()).layout.positions['disk-file'];
  expect(after).not.toEqual(before);

  await editor.headerButton('Undo').click();
  expect((await editor.document()).layout.positions['disk-file']).toEqual(before);
  // The whole drag was one entry: nothing earlier is left to undo.
  await expect(editor.headerButton('Undo')).toBeDisabled();

  await editor.press('Control+Shift+z');
  expect((await editor.document()).layout.positions['disk-file']).toEqual(after);
  await expect(editor.headerButton('Redo')).toBeDisabled();
});

test('a deletion with the Delete key is undone with Ctrl+Z and redone with Ctrl+Y', async ({ editor }) => {
  const before = await editor.document();
  await editor.select('backing (qcow2)');
  await editor.addToSelection('backing-file (file)');
  await editor.press('Delete');
  await expect(editor.canvasNode('backing (qcow2)')).toHaveCount(0);
  await expect(editor.canvasNode('backing-file (file)')).toHaveCount(0);
  expect((await editor.document()).links.map((l) => l.child)).toEqual(['disk-file']);

  await editor.press('Control+z');
  await expect(editor.canvasNode('backing (qcow2)')).toBeVisible();
  await expect(editor.canvasNode('backing-file (file)')).toBeVisible();
  expect(await editor.document()).toEqual(before);
  await expect(editor.headerButton('Undo')).toBeDisabled();

  await editor.press('Control+y');
  await expect(editor.canvasNode('backing (qcow2)')).toHaveCount(0);
  await editor.headerButton('Undo').click();
  await expect(editor.edgeLabels('backing')).toHaveCount(1);
});

test('a value typed key by key is one entry; shortcuts leave a field being typed in alone', async ({ editor }) => {
  await editor.select('disk (qcow2)');
  const field = editor.option('cache-size');
  await field.pressSequentially('65536');
  expect((await editor.document()).nodes.disk?.options).toEqual({ 'cache-size': 65536 });
  // Ctrl+A selects the field's text, not every node.
  await field.press('Control+a');
  expect(await editor.selectedNodes()).toEqual(['disk (qcow2)']);

  await editor.canvasNode('disk (qcow2)').focus();
  await editor.press('Control+z');
  expect((await editor.document()).nodes.disk?.options).toEqual({});
  await expect(editor.headerButton('Undo')).toBeDisabled();
  await expect(field).toHaveValue('');
});
