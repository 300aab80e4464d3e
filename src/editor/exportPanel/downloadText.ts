import type { ExportFile } from './exportFormats.ts';

/**
 * Downloads `text` as a file of the given name and media type (UTF-8, nothing leaves the browser):
 * the file holds exactly the text.
 */
export function downloadText(text: string, file: ExportFile): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${file.type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.click();
  // The download holds its own reference to the data once it started.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 0);
}
