import { defineDriver, DATA, FILTERED_PRIMARY } from './defineDriver.ts';

export const copyBeforeWrite = defineDriver({
  name: 'copy-before-write',
  category: 'filter',
  summary: 'Copies old data to a target before it is overwritten (backup)',
  children: {
    file: { flags: FILTERED_PRIMARY },
    target: { flags: DATA },
  },
});
