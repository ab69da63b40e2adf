/** Small display helpers of the pane. */

/** Reasons come from the engine in lower case: start them with a capital on screen. */
export function sentence(text: string): string {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

const NATURAL = new Intl.Collator('fr', { numeric: true });

/** French order with numbers by value: « Intervenant 2 » before « Intervenant 10 ». */
export const compareNatural = (a: string, b: string): number => NATURAL.compare(a, b);

/** « 0 erreur », « 1 erreur », « 2 erreurs »: in French, 0 and 1 take the singular. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${Math.abs(count) < 2 ? singular : pluralForm}`;
}
