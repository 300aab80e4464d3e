import { defineDriver } from './defineDriver.ts';

export const nbd = defineDriver({
  name: 'nbd',
  category: 'protocol',
  summary: 'An export of an NBD server',
});
