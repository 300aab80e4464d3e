import { defineDriver } from './defineDriver.ts';

export const ftps = defineDriver({
  name: 'ftps',
  category: 'protocol',
  summary: 'An image over FTPS via libcurl (read-only)',
  readOnly: true,
});
