import { defineDriver, FILTERED_PRIMARY } from './defineDriver.ts';

export const preallocate = defineDriver({
  name: 'preallocate',
  category: 'filter',
  summary: 'Preallocates space beyond the end of its child on write',
  children: {
    file: { flags: FILTERED_PRIMARY },
  },
});
