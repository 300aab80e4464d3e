import { defineDriver, IMAGE } from './defineDriver.ts';

export const dmg = defineDriver({
  name: 'dmg',
  category: 'format',
  summary: 'Apple disk image (read-only)',
  children: {
    file: { flags: IMAGE },
  },
  readOnly: true,
});
