import { defineDriver, COW, DATA, IMAGE } from './defineDriver.ts';

export const qcow2 = defineDriver({
  name: 'qcow2',
  category: 'format',
  summary: 'QEMU copy-on-write image, version 2 and 3',
  children: {
    file: { flags: IMAGE, variesWith: 'with a data-file, the file child loses the data role (metadata | primary)' },
    backing: { flags: COW },
    'data-file': { flags: DATA },
  },
  supportsBacking: true,
});
