/** Small display helpers of the pane. */

/** Reasons come from the engine in lower case: start them with a capital on screen. */
export function sentence(text: string): string {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
