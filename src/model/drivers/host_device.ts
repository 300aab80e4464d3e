import { defineDriver } from './defineDriver.ts';

export const hostDevice = defineDriver({
  name: 'host_device',
  category: 'protocol',
  locksFileNamedBy: 'filename',
  summary: 'A host block device',
});
