// Optional: the light/dark switch. Without JavaScript the page follows the
// system setting; with it, the reader's choice is kept in localStorage and
// set as data-theme on <html>, which style.css reads. Loaded in <head>, so
// a saved choice applies before the first paint.
(function () {
  var KEY = 'samvad-theme';
  var root = document.documentElement;
  var saved = null;
  try { saved = window.localStorage.getItem(KEY); } catch (e) { /* storage may be off */ }
  if (saved === 'dark' || saved === 'light') root.setAttribute('data-theme', saved);
  function dark() {
    var chosen = root.getAttribute('data-theme');
    if (chosen) return chosen === 'dark';
    return !!(window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
  }
  function wire() {
    var button = document.querySelector('.theme-toggle');
    if (!button) return;
    button.hidden = false;
    button.setAttribute('aria-pressed', String(dark()));
    button.addEventListener('click', function () {
      var next = dark() ? 'light' : 'dark';
      root.setAttribute('data-theme', next);
      try { window.localStorage.setItem(KEY, next); } catch (e) { /* ignore */ }
      button.setAttribute('aria-pressed', String(next === 'dark'));
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wire);
  else wire();
})();
