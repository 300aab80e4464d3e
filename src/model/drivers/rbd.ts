import { defineDriver } from './defineDriver.ts';

export const rbd = defineDriver({
  name: 'rbd',
  category: 'protocol',
  summary: 'A Ceph RBD image',
});
