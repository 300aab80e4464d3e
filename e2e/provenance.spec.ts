import { expect, test } from './fixtures.ts';

test('the inspector shows each effective option with where it comes from', async ({ editor }) => {
  await editor.select('disk-file (file)');
  const direct = editor.effectiveOption('cache.direct');
  await expect(direct).toContainText('false');
  await expect(direct).toContainText('inherited from disk via file');
  await expect(editor.effectiveOption('discard')).toContainText(
    'forced by file: children are opened with discard=unmap',
  );

  await editor.select('disk (qcow2)');
  await expect(editor.effectiveOption('cache.direct')).toContainText('QEMU default');
  await editor.groupOption('cache', 'direct').check();
  expect((await editor.document()).nodes.disk?.options).toEqual({ cache: { direct: true } });
  await expect(editor.effectiveOption('cache.direct')).toContainText('true');
  await expect(editor.effectiveOption('cache.direct')).toContainText('set here');

  await editor.select('disk-file (file)');
  await expect(editor.effectiveOption('cache.direct').getByRole('cell').first()).toHaveText('true');
  await expect(editor.effectiveOption('cache.direct')).toContainText('inherited from disk via file');

  await editor.select('backing (qcow2)');
  const readOnly = editor.effectiveOption('read-only');
  await expect(readOnly.getByRole('cell').first()).toHaveText('true');
  await expect(readOnly).toContainText('forced by backing: a backing child is opened read-only');
  await expect(editor.effectiveOption('cache.direct')).toContainText('inherited from disk via backing');
});
