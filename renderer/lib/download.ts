/**
 * A file the API answered with ({filename, mime, base64}) becomes a Blob and an object URL for an
 * <a download="…"> link: the browser (and Electron's download manager) saves it under that filename.
 */
export interface FileAnswer {
  filename: string;
  mime: string;
  base64: string;
}

export interface PreparedFile {
  filename: string;
  url: string;
  size: number;
}

export function fileFromAnswer(answer: FileAnswer): PreparedFile {
  const binary = atob(answer.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const blob = new Blob([bytes], { type: answer.mime });
  return { filename: answer.filename, url: URL.createObjectURL(blob), size: bytes.length };
}

/** Starts the download at once (the same as clicking the link the screen keeps showing). */
export function saveFile(file: PreparedFile): void {
  const a = document.createElement('a');
  a.href = file.url;
  a.download = file.filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export const releaseFile = (file: PreparedFile | null | undefined): void => {
  if (file) URL.revokeObjectURL(file.url);
};
