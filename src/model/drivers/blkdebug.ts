import { defineDriver, FILTERED_PRIMARY } from './defineDriver.ts';

export const blkdebug = defineDriver({
  name: 'blkdebug',
  category: 'filter',
  summary: 'Injects I/O errors by rule, for testing error paths',
  children: {
    image: { flags: FILTERED_PRIMARY },
  },
});
