import { defineDriver } from './defineDriver.ts';

export const ftp = defineDriver({
  name: 'ftp',
  category: 'protocol',
  summary: 'An image over FTP via libcurl (read-only)',
  readOnly: true,
});
