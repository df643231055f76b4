/* Anshin's offline worker: the site stays readable without a connection.
 *
 * This is the source; the build (hooks/offline.py; anshin/offline.py says what is kept
 * and why) writes it at the site root as sw.js, with the BUILD line filled in: the
 * version, a hash of the whole built site, so that any change of the site is a new
 * worker and a new cache; and the files to save on installation (mkdocs.yml
 * extra.offline_pages in every language, with the stylesheets, scripts and icons they
 * use), relative to the site's root. Its scope is the site's root, wherever it is deployed.
 *
 * - install: saves those files, the pages open now (the one that registered the worker
 *   among them), and fresh copies of the pages that older versions had saved, so the
 *   pages a reader has seen stay readable, in their current wording; with them, the
 *   search index of each of those pages' languages (BUILD.languages);
 * - activate: deletes older versions' caches (this site's only: other sites on the
 *   same host have their own), and takes over the open pages;
 * - fetch: the site's own GET requests go to the network first, so a reader with a
 *   connection always gets the current policy; the saved copy answers only when the
 *   network fails. A successful basic answer (not redirected) is saved on the way.
 *   Cache-first for stylesheets and scripts would pair the first page after an update
 *   with the old version's copies: the site's own files keep their names when they change.
 */
"use strict";

const BUILD = /* anshin:build */ {"version": "source", "precache": [], "languages": {}};
const SCOPE = self.registration.scope;
const PREFIX = "anshin " + SCOPE + " ";
const CACHE = PREFIX + BUILD.version;

function savable(response) {
  return response.ok && response.type === "basic" && !response.redirected;
}

async function save(cache, url) {
  // "no-cache": a new version saves what the host serves now, not the browser's older copy.
  const response = await fetch(new Request(url, { cache: "no-cache" }));
  if (!savable(response)) throw new Error(url + ": " + response.status);
  await cache.put(url, response);
}

// The files a reader of the page's language needs besides pages (its search index):
// those of the longest language root the page is under.
function languageFiles(page) {
  const path = page.slice(SCOPE.length);
  const roots = Object.keys(BUILD.languages).filter((root) => path.startsWith(root));
  const root = roots.sort((a, b) => b.length - a.length)[0];
  return root === undefined ? [] : BUILD.languages[root].map((file) => new URL(file, SCOPE).href);
}

async function pagesSeen() {
  const pages = new Set();
  for (const client of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) {
    const url = client.url.split("#")[0];
    if (url.startsWith(SCOPE)) pages.add(url);
  }
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      const type = (response && response.headers.get("Content-Type")) || "";
      if (type.startsWith("text/html")) pages.add(request.url);
    }
  }
  return pages;
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const listed = BUILD.precache.map((path) => new URL(path, SCOPE).href);
    // One of them missing fails the installation: the version before stays in charge.
    await Promise.all(listed.map((url) => save(cache, url)));
    const seen = [...await pagesSeen()];
    const alsoKept = new Set([...seen, ...seen.flatMap(languageFiles)]);
    listed.forEach((url) => alsoKept.delete(url));
    // A page seen before that the site no longer has is not kept.
    await Promise.allSettled([...alsoKept].map((url) => save(cache, url)));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

async function networkFirst(event) {
  const request = event.request;
  try {
    const response = await fetch(request);
    if (savable(response)) {
      const copy = response.clone();
      // Within a version every file is what it was at the build: saved once is enough.
      event.waitUntil(caches.open(CACHE).then(async (cache) => {
        if (!(await cache.match(request))) await cache.put(request, copy);
      }));
    }
    return response;
  } catch (error) {
    const saved = await (await caches.open(CACHE)).match(request);
    if (saved) return saved;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  // Another host, or another site on this host: not ours. Partial answers (Range) are
  // never complete copies.
  if (request.method !== "GET" || !request.url.startsWith(SCOPE) || request.headers.has("Range")) return;
  // `make serve`'s live-reload polls: never pages to keep.
  if (new URL(request.url).pathname.includes("/livereload/")) return;
  event.respondWith(networkFirst(event));
});
