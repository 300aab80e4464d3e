import { defineDriver, FILTERED_PRIMARY } from './defineDriver.ts';

export const blklogwrites = defineDriver({
  name: 'blklogwrites',
  category: 'filter',
  summary: 'Logs every write to a second node (dm-log-writes format)',
  children: {
    file: { flags: FILTERED_PRIMARY },
    log: { flags: ['metadata'] },
  },
});
