import { defineDriver, IMAGE } from './defineDriver.ts';

export const vpc = defineDriver({
  name: 'vpc',
  category: 'format',
  summary: 'Virtual PC disk image (VHD)',
  children: {
    file: { flags: IMAGE },
  },
});
