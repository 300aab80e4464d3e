import { defineDriver } from './defineDriver.ts';

export const gluster = defineDriver({
  name: 'gluster',
  category: 'protocol',
  summary: 'A GlusterFS volume',
});
