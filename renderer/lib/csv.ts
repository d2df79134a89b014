/** Client-side CSV (RFC 4180 quoting) with a UTF-8 BOM so Excel opens Chinese text correctly. */
const cell = (v: string | number): string => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const toCsv = (head: readonly string[], rows: readonly (readonly (string | number)[])[]): string =>
  '\uFEFF' + [head, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';

export function downloadCsv(filename: string, head: readonly string[], rows: readonly (readonly (string | number)[])[]): void {
  const blob = new Blob([toCsv(head, rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
