import { defineDriver } from './defineDriver.ts';

export const ssh = defineDriver({
  name: 'ssh',
  category: 'protocol',
  summary: 'A file over SSH via libssh',
});
