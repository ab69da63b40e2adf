/** Text typed into a cell of the sheet viewer, as the value written: numbers become numbers (12,5 or 12.5), the rest stays as typed. */
export function parseTypedValue(text: string): string | number {
  const trimmed = text.trim();
  if (/^-?\d+([.,]\d+)?$/.test(trimmed)) return Number(trimmed.replace(',', '.'));
  return text;
}
