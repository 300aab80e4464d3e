import { ok, type BlockGraph, type Result } from '../model/index.ts';
import { toBlockdevArgs, type BlockdevForm } from './blockdevArgs.ts';

/** The emulator a command line starts (the Debian package qemu-system-x86). */
export const QEMU_SYSTEM_BINARY = 'qemu-system-x86_64';

/**
 * The machine around the storage: no default devices, no display, and the lightest x86 board that
 * has a PCI bus and on-board IDE (`pc`: `-machine none` has no bus for virtio-blk-pci, and q35 adds
 * AHCI, LPC and SMBus for nothing here). `-S` keeps the CPU stopped: nothing is there to boot, and
 * the guest firmware (SeaBIOS) need not run for the devices and their block graph to exist.
 */
export const MACHINE_ARGS: readonly string[] = ['-nodefaults', '-machine', 'pc', '-S', '-display', 'none'];

/** Options of `toCommandLine`. */
export interface CommandLineOptions {
  /** How `-blockdev` values are written; JSON by default, since it can say everything. */
  form?: BlockdevForm;
  /** Receives one sentence for everything the command line leaves out or writes otherwise than asked. */
  notes?: string[];
}

/**
 * A whole QEMU command line for the document, as argv: the emulator, `MACHINE_ARGS`, then
 * `toBlockdevArgs` (objects, nodes, devices). Turn it into shell text with `formatCommandLine`.
 *
 * @example toCommandLine(rawOverNullCo()) // ok(['qemu-system-x86_64', '-nodefaults', '-machine', 'pc', '-S', '-display', 'none', '-blockdev', '{"driver":"raw",…}'])
 */
export function toCommandLine(graph: BlockGraph, options: CommandLineOptions = {}): Result<string[]> {
  const args = toBlockdevArgs(graph, {
    form: options.form ?? 'json',
    ...(options.notes === undefined ? {} : { notes: options.notes }),
  });
  return args.ok ? ok([QEMU_SYSTEM_BINARY, ...MACHINE_ARGS, ...args.value]) : args;
}
