import { driverSpec } from '../drivers/index.ts';
import { probeImage, type ImageHeader } from '../images/probeImage.ts';
import { openTraits } from './openTraits.ts';

/**
 * True when a node presents the bytes of its `file` child, as a filter or raw (its FILTERED file
 * child) does; a format that reads its own header presents none of its image's.
 */
export function presentsFileBytes(driver: string): boolean {
  return driverSpec(driver)?.children.file?.flags.includes('filtered') === true;
}

/**
 * What a format driver's open makes of the first bytes of its image (block/qcow2.c: qcow2_do_open,
 * block/qed.c: bdrv_qed_do_open, block/vmdk.c: vmdk_open…): the header with its backing file
 * name and format, or the driver's error for an image in another format. Undefined for a driver
 * that reads no header (raw, filters, protocols).
 *
 * @example readFormatHeader('qcow2', rawBytes, 'r.raw') // { error: 'Image is not in qcow2 format' }
 */
export function readFormatHeader(
  driver: string,
  bytes: Uint8Array,
  filename: string,
): { header: ImageHeader } | { error: string } | undefined {
  const notInFormat = openTraits(driver).notInFormat;
  if (notInFormat === undefined) return undefined;
  const header = probeImage(bytes, filename);
  return header.format === driver ? { header } : { error: notInFormat(bytes, filename) };
}
