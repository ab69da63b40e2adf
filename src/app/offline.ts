/**
 * The standalone app registers its service worker (sw.js, written at build time with the list of the
 * app's own files) so that, once loaded, it works offline. Never inside Excel: the task pane's entry
 * does not call this. Skipped in development builds, whose files change at every save.
 */
export function registerOfflineCache(): void {
  if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return;
  if (!window.isSecureContext) return; // only https and localhost may register a service worker
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch(() => {
      // Offline use is a convenience: the app works the same without it.
    });
  });
}
