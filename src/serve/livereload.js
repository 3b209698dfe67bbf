// samvad live reload: injected by `samvad serve` only, never built into the site.
(function () {
  var overlay = null;
  function showErrors(errors) {
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.id = 'samvad-error-overlay';
      overlay.setAttribute('role', 'alert');
      overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:rgba(20,16,12,.92);color:#ffe9e2;' +
        'font:14px/1.5 ui-monospace,monospace;padding:2rem;overflow:auto;white-space:pre-wrap';
      document.body.appendChild(overlay);
    }
    overlay.textContent = 'samvad: the last save broke the build. The page below is the last good version.\n\n' + errors.join('\n\n');
  }
  function swapCss() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.searchParams.set('samvad', Date.now());
      links[i].href = url.toString();
    }
  }
  var source = new EventSource('/__samvad/events');
  source.addEventListener('reload', function () { location.reload(); });
  source.addEventListener('css', function () {
    if (overlay) { location.reload(); } else { swapCss(); }
  });
  source.addEventListener('builderror', function (e) {
    if (!e.data) return;
    try { showErrors(JSON.parse(e.data).errors); } catch (_) { /* ignore */ }
  });
})();
