import { defineDriver } from './defineDriver.ts';

export const https = defineDriver({
  name: 'https',
  category: 'protocol',
  summary: 'An image over HTTPS via libcurl (read-only)',
  readOnly: true,
});
