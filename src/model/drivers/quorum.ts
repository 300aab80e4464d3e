import { defineDriver, DATA } from './defineDriver.ts';

export const quorum = defineDriver({
  name: 'quorum',
  category: 'other',
  summary: 'Replicates writes to N children and votes on reads',
  children: {
    children: { flags: DATA },
  },
  changeableChildren: 'children',
});
