/*
 * Service worker of the standalone app (served as sw.js): keeps the app's own files so that it opens
 * and works without a network once loaded. It only ever answers requests of its own origin; the
 * workbook the coordinator opens never goes through it (files are read in the page).
 * The build replaces the two placeholders: the list of the app's files and a version drawn from them.
 */
const APP_FILES = __APP_FILES__;
const CACHE = 'pilote-ap-' + __APP_VERSION__;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(APP_FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  // Files of an older build are dropped; the page in use is taken over at once.
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('pilote-ap-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  // The app's page itself: the network first (a new build shows at once), the kept copy when offline.
  // Other pages of the folder (the Excel task pane) are left to the network.
  if (request.mode === 'navigate') {
    if (!/\/(index\.html)?$/.test(new URL(request.url).pathname)) return;
    event.respondWith(fetch(request).catch(() => caches.match(request, { ignoreSearch: true }).then((kept) => kept || caches.match('./index.html'))));
    return;
  }
  // Scripts and icons carry a content hash in their name: the kept copy is always right.
  event.respondWith(caches.match(request).then((kept) => kept || fetch(request)));
});
