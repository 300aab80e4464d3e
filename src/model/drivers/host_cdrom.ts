import { defineDriver } from './defineDriver.ts';

export const hostCdrom = defineDriver({
  name: 'host_cdrom',
  category: 'protocol',
  summary: 'A host CD-ROM device',
});
