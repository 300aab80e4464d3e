import { defineDriver, FILTERED_PRIMARY } from './defineDriver.ts';

export const compress = defineDriver({
  name: 'compress',
  category: 'filter',
  summary: 'Compresses every write to its child',
  children: {
    file: { flags: FILTERED_PRIMARY },
  },
});
