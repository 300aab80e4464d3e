import { defineDriver, FILTERED_PRIMARY } from './defineDriver.ts';

export const throttle = defineDriver({
  name: 'throttle',
  category: 'filter',
  summary: 'Limits I/O by a throttle group shared with other nodes',
  children: {
    file: { flags: FILTERED_PRIMARY },
  },
});
