import { defineDriver, FILTERED_PRIMARY } from './defineDriver.ts';

export const raw = defineDriver({
  name: 'raw',
  category: 'format',
  summary: 'Raw image; passes its child through, or a slice of it with offset and size',
  children: {
    file: {
      flags: FILTERED_PRIMARY,
      variesWith: 'offset or size makes it data | primary (block/raw-format.c: raw_open)',
    },
  },
});
