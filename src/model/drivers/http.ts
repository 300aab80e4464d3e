import { defineDriver } from './defineDriver.ts';

export const http = defineDriver({
  name: 'http',
  category: 'protocol',
  summary: 'An image over HTTP via libcurl (read-only)',
  readOnly: true,
});
