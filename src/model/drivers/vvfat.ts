import { defineDriver } from './defineDriver.ts';

export const vvfat = defineDriver({
  name: 'vvfat',
  category: 'protocol',
  summary: 'A host directory presented as a FAT disk',
});
