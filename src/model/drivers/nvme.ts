import { defineDriver } from './defineDriver.ts';

export const nvme = defineDriver({
  name: 'nvme',
  category: 'protocol',
  summary: 'An NVMe controller driven from userspace (VFIO)',
});
