import { describe, expect, it } from 'vitest';
import { graph } from '../../model/fixtures/builder.ts';
import { blkdebugOverQcow2, quorumOfThree, rawOverNullCo } from '../../model/fixtures/examples.ts';
import { planImages } from './images.ts';

describe('planImages', () => {
  it('gives a file node the format of the format node that reads it, referenced or inline', () => {
    expect(planImages(quorumOfThree())).toEqual([
      { name: 'back0.qcow2', fmt: 'qcow2' },
      { name: 'qc0.qcow2', fmt: 'qcow2' },
      { name: 'qc1.qcow2', fmt: 'qcow2' },
      { name: 'qc2.qcow2', fmt: 'qcow2' },
    ]);
    expect(planImages(blkdebugOverQcow2())).toEqual([{ name: 'img0.qcow2', fmt: 'qcow2' }]);
  });

  it('falls back to raw, skips absolute paths and nodes without a local file, plans a path once', () => {
    const doc = graph()
      .node('debug0', 'blkdebug')
      .node('f0', 'file', { filename: 'under-filter.img' })
      .child('debug0', 'image', 'f0')
      .node('lone', 'file', { filename: 'sub/lone.img' })
      .node('again', 'file', { filename: 'sub/lone.img' })
      .node('abs', 'file', { filename: '/dev/null' })
      .build();
    expect(planImages(doc)).toEqual([
      { name: 'under-filter.img', fmt: 'raw' },
      { name: 'sub/lone.img', fmt: 'raw' },
    ]);
    expect(planImages(rawOverNullCo())).toEqual([]);
  });
});
