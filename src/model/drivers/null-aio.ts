import { defineDriver } from './defineDriver.ts';

export const nullAio = defineDriver({
  name: 'null-aio',
  category: 'protocol',
  summary: 'Discards writes and reads zeroes or garbage (AIO), for benchmarks',
});
