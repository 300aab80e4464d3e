import { defineDriver } from './defineDriver.ts';

export const hostDevice = defineDriver({
  name: 'host_device',
  category: 'protocol',
  summary: 'A host block device',
});
