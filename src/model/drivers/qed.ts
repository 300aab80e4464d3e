import { defineDriver, COW, IMAGE } from './defineDriver.ts';

export const qed = defineDriver({
  name: 'qed',
  category: 'format',
  summary: 'QEMU enhanced disk image',
  children: {
    file: { flags: IMAGE },
    backing: { flags: COW },
  },
  supportsBacking: true,
});
