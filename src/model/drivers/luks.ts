import { defineDriver, IMAGE } from './defineDriver.ts';

export const luks = defineDriver({
  name: 'luks',
  category: 'format',
  summary: 'LUKS encrypted image',
  children: {
    file: { flags: IMAGE },
  },
});
