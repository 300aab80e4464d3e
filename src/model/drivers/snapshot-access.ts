import { defineDriver } from './defineDriver.ts';

export const snapshotAccess = defineDriver({
  name: 'snapshot-access',
  category: 'other',
  summary: 'Reads the snapshot offered by a copy-before-write filter',
  children: {
    file: { flags: ['data', 'primary'] },
  },
});
