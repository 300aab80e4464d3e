import { defineDriver, IMAGE } from './defineDriver.ts';

export const bochs = defineDriver({
  name: 'bochs',
  category: 'format',
  summary: 'Bochs disk image (read-only)',
  children: {
    file: { flags: IMAGE },
  },
  readOnly: true,
});
