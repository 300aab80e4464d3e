import { defineDriver } from './defineDriver.ts';

export const nfs = defineDriver({
  name: 'nfs',
  category: 'protocol',
  summary: 'A file on an NFS server via libnfs',
});
