import { defineDriver } from './defineDriver.ts';

export const iscsi = defineDriver({
  name: 'iscsi',
  category: 'protocol',
  summary: 'An iSCSI LUN via libiscsi',
});
