import { defineDriver } from './defineDriver.ts';

export const hostCdrom = defineDriver({
  name: 'host_cdrom',
  category: 'protocol',
  locksFileNamedBy: 'filename',
  summary: 'A host CD-ROM device',
});
