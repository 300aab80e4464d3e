import { defineDriver, IMAGE } from './defineDriver.ts';

export const parallels = defineDriver({
  name: 'parallels',
  category: 'format',
  summary: 'Parallels disk image',
  children: {
    file: { flags: IMAGE },
  },
  supportsBacking: true,
});
