import { defineDriver } from './defineDriver.ts';

export const file = defineDriver({
  name: 'file',
  category: 'protocol',
  locksFileNamedBy: 'filename',
  summary: 'A regular file on the host (file-posix)',
});
