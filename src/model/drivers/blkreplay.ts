import { defineDriver, FILTERED_PRIMARY } from './defineDriver.ts';

export const blkreplay = defineDriver({
  name: 'blkreplay',
  category: 'filter',
  summary: 'Records and replays block I/O for deterministic replay',
  children: {
    image: { flags: FILTERED_PRIMARY },
  },
});
