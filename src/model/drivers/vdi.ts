import { defineDriver, IMAGE } from './defineDriver.ts';

export const vdi = defineDriver({
  name: 'vdi',
  category: 'format',
  summary: 'VirtualBox disk image',
  children: {
    file: { flags: IMAGE },
  },
});
