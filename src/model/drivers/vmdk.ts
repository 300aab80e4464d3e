import { defineDriver, COW, IMAGE } from './defineDriver.ts';

export const vmdk = defineDriver({
  name: 'vmdk',
  category: 'format',
  summary: 'VMware disk image',
  children: {
    file: { flags: IMAGE },
    backing: { flags: COW },
  },
  supportsBacking: true,
});
