import { defineDriver, FILTERED_PRIMARY } from './defineDriver.ts';

export const copyOnRead = defineDriver({
  name: 'copy-on-read',
  category: 'filter',
  summary: 'Copies data read from the backing chain into the top image',
  children: {
    file: { flags: FILTERED_PRIMARY },
  },
});
