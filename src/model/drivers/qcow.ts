import { defineDriver, COW, IMAGE } from './defineDriver.ts';

export const qcow = defineDriver({
  name: 'qcow',
  category: 'format',
  summary: 'Old QEMU copy-on-write image (version 1)',
  children: {
    file: { flags: IMAGE },
    backing: { flags: COW },
  },
  supportsBacking: true,
});
