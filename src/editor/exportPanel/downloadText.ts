import { downloadBlob } from '../shell/download.ts';
import type { ExportFile } from './exportFormats.ts';

/**
 * Downloads `text` as a file of the given name and media type (UTF-8, nothing leaves the browser):
 * the file holds exactly the text.
 */
export function downloadText(text: string, file: ExportFile): void {
  downloadBlob(new Blob([text], { type: `${file.type};charset=utf-8` }), file.name);
}
