/**
 * Saves `blob` as a download named `fileName`: a link to an object URL, clicked, then the URL let
 * go once the download holds its own reference. Nothing leaves the browser.
 */
export function downloadBlob(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 0);
}
