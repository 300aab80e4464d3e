import { HEADER_BYTES } from '../../model/index.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { useImportDialog } from './importDialogStore.ts';

/** Names that say "text for the importer" (QMP scripts, command lines, documents, notes). */
const TEXT_EXTENSIONS = new Set([
  'json',
  'jsonl',
  'txt',
  'text',
  'sh',
  'bash',
  'args',
  'cmdline',
  'qmp',
  'conf',
  'cfg',
]);

/** Names that say "disk image": always the images panel's, whatever the bytes look like. */
const IMAGE_EXTENSIONS = new Set([
  ...['qcow2', 'qcow', 'qed', 'img', 'raw', 'bin', 'iso', 'vmdk', 'vdi', 'vhd', 'vhdx', 'vpc'],
  ...['dmg', 'bochs', 'cloop', 'hds', 'parallels', 'luks'],
]);

/** The largest text file the importer reads: far above any real configuration, far below what hangs a tab. */
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/**
 * Whether a dropped file is text for the importer rather than a disk image: by its name's
 * extension when that says (`.json`, `.jsonl`, `.txt`, `.sh`… text; `.qcow2`, `.img`, `.raw`…
 * image), otherwise by its first bytes: text when there are some, none is NUL and they are UTF-8
 * (image headers have NUL bytes; an empty file is an empty raw image).
 *
 * @example isTextFile('setup.sh', new Uint8Array()) // true
 */
export function isTextFile(name: string, header: Uint8Array): boolean {
  const extension = extensionOf(name);
  if (TEXT_EXTENSIONS.has(extension)) return true;
  if (IMAGE_EXTENSIONS.has(extension)) return false;
  if (header.length === 0 || header.includes(0)) return false;
  try {
    // `stream`: the header may end inside a multi-byte character.
    new TextDecoder('utf-8', { fatal: true }).decode(header, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Dropped files sorted: disk image headers by name (for the images panel) and the text files. */
export interface SortedDrop {
  images: Record<string, Uint8Array>;
  texts: File[];
}

/** Reads the first `HEADER_BYTES` of each file and sorts them into images and texts (isTextFile). */
export async function sortDroppedFiles(files: Iterable<File>): Promise<SortedDrop> {
  const read = await Promise.all(
    Array.from(files, async (file) => ({
      file,
      header: new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer()),
    })),
  );
  const images: Record<string, Uint8Array> = {};
  const texts: File[] = [];
  for (const { file, header } of read) {
    if (isTextFile(file.name, header)) texts.push(file);
    else images[file.name] = header;
  }
  return { images, texts };
}

/**
 * What the canvas does with dropped files: disk images keep their meaning (their headers, by file
 * name, for the images panel: the promise resolves to them), and a text file opens the import
 * dialog with its text. One text file is imported at a time; a notice names the others, and
 * says so when a file is too large or cannot be read.
 */
export async function readDroppedFiles(files: Iterable<File>): Promise<Record<string, Uint8Array>> {
  const { images, texts } = await sortDroppedFiles(files);
  const [first, ...others] = texts;
  if (first !== undefined) await openTextFile(first, others);
  return images;
}

async function openTextFile(file: File, others: readonly File[]): Promise<void> {
  const { showNotice } = useEditorStore.getState();
  if (file.size > MAX_IMPORT_BYTES) {
    showNotice({
      tone: 'error',
      text: `${file.name} is too large to import (${String(file.size)} bytes; at most ${String(MAX_IMPORT_BYTES)}).`,
      details: [],
    });
    return;
  }
  try {
    useImportDialog.getState().openImport(await file.text(), file.name);
  } catch (error) {
    const details = [error instanceof Error ? error.message : String(error)];
    showNotice({ tone: 'error', text: `${file.name} cannot be read.`, details });
    return;
  }
  if (others.length > 0) {
    showNotice({
      tone: 'info',
      text: `One text file is imported at a time: ${file.name} is open in the import dialog; drop the others after it.`,
      details: others.map((other) => other.name),
    });
  }
}
