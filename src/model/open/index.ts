/** The block layer's open (block.c: bdrv_open_inherit) over images read through an ImageSource, shared by cmdline/ and qmp/. */
export type { ImageSource } from './imageSource.ts';
export { imagesFrom, normalizePath } from './imageSource.ts';
