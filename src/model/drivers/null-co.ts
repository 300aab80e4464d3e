import { defineDriver } from './defineDriver.ts';

export const nullCo = defineDriver({
  name: 'null-co',
  category: 'protocol',
  summary: 'Discards writes and reads zeroes or garbage (coroutine), for benchmarks',
});
