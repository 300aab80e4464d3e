import { defineDriver, IMAGE } from './defineDriver.ts';

export const cloop = defineDriver({
  name: 'cloop',
  category: 'format',
  summary: 'Compressed loop image (read-only)',
  children: {
    file: { flags: IMAGE },
  },
  readOnly: true,
});
