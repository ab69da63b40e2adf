/**
 * The pane's blob download (`<a download>`) as each Excel's webview does it: the file is saved, except
 * in Excel for Mac, where the click does nothing at all and raises nothing (office-js issues 2700,
 * 3385 and 4681): a download there must never be reported as done.
 */
export function fakeWebviewDownload(onMac: boolean) {
  const saved: { fileName: string; bytes: Uint8Array; mimeType: string }[] = [];
  return {
    saved,
    download(fileName: string, bytes: Uint8Array, mimeType: string): void {
      if (onMac) return;
      saved.push({ fileName, bytes, mimeType });
    },
  };
}
