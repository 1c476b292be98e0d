// The phone network and the clock both search timings use (pagefind_compare.mjs,
// search_waterfall.mjs), declared once so that their figures stay comparable.

// Chromium's network emulation of a slow phone connection.
export const PHONE = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 };

// Runs in our search page before its scripts: notes when the DOM is ready, when the status
// first announces results (the pages are shown), and when their sections are listed too (the
// list is no longer busy).
export function resultsClock() {
  document.addEventListener('DOMContentLoaded', () => {
    window.domReadyAt = performance.now();
    const status = document.querySelector('[data-search-status]');
    const list = document.querySelector('[data-search-results]');
    const seen = () => {
      if (!window.resultsShownAt && /träff/.test(status.textContent)) window.resultsShownAt = performance.now();
      if (window.resultsShownAt && !window.sectionsShownAt && !list.hasAttribute('aria-busy')) {
        window.sectionsShownAt = performance.now();
      }
    };
    const observer = new MutationObserver(seen);
    observer.observe(status, { childList: true, characterData: true, subtree: true });
    observer.observe(list, { attributes: true, childList: true });
  });
}
