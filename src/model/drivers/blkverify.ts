import { defineDriver, DATA, FILTERED_PRIMARY } from './defineDriver.ts';

export const blkverify = defineDriver({
  name: 'blkverify',
  category: 'filter',
  summary: 'Compares every read of a test image against a raw reference',
  children: {
    raw: { flags: FILTERED_PRIMARY },
    test: { flags: DATA },
  },
});
