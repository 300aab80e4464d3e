import { defineDriver, IMAGE } from './defineDriver.ts';

export const vhdx = defineDriver({
  name: 'vhdx',
  category: 'format',
  summary: 'Hyper-V disk image (VHDX)',
  children: {
    file: { flags: IMAGE },
  },
});
