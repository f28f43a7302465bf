/**
 * A tab opened before a release asks for code the new build no longer has (issue 22): chunk names
 * carry a content hash and the build replaces dist/web, so the next page's chunk answers 404. The
 * page is then loaded again from the server, which gets the new release's index.html and chunks.
 * Once a minute at most for a tab: a chunk missing again right after is missing for another reason
 * (offline, a broken deployment), and reloading again would loop; the error page stays, with its
 * Reload button.
 */
const STORAGE_KEY = 'caseway.reloadedForRelease';
const AT_MOST_EVERY_MS = 60_000;

let reloading = false;

/** Whether the page is being loaded again: a failed page load then waits for it rather than failing. */
export function reloadingForNewRelease(): boolean {
  return reloading;
}

/**
 * Reloads at `targetUrl()` (the page being opened, not the one being left) whenever a dynamic
 * import fails: Vite's preload helper, through which every dynamic import of the build goes, fires
 * `vite:preloadError` for a chunk or stylesheet that did not load.
 */
export function reloadOnMissingCode(targetUrl: () => string): void {
  window.addEventListener('vite:preloadError', () => {
    if (reloading) return;
    try {
      if (Date.now() - Number(window.sessionStorage.getItem(STORAGE_KEY)) < AT_MOST_EVERY_MS) return;
      window.sessionStorage.setItem(STORAGE_KEY, String(Date.now()));
    } catch {
      // Without storage there is no guard against a loop: leave the error to the page.
      return;
    }
    reloading = true;
    window.location.assign(targetUrl());
  });
}
