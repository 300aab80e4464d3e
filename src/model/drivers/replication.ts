import { defineDriver, FILTERED_PRIMARY } from './defineDriver.ts';

export const replication = defineDriver({
  name: 'replication',
  category: 'filter',
  summary: 'COLO block replication',
  children: {
    file: { flags: FILTERED_PRIMARY },
  },
});
