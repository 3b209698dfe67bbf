// Optional: shows the working hours in the visitor's own time zone.
// The page reads fine without it.
(function () {
  var el = document.querySelector('.availability .hours');
  var out = document.querySelector('.availability .local-time');
  if (!el || !out || !window.Intl) return;
  var offset = parseInt(el.dataset.offset, 10);
  function toLocal(hhmm) {
    var p = hhmm.split(':');
    var now = new Date();
    var utcMinutes = parseInt(p[0], 10) * 60 + parseInt(p[1], 10) - offset;
    var d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 0, utcMinutes));
    return d.toLocaleTimeString(document.documentElement.lang || undefined, { hour: '2-digit', minute: '2-digit' });
  }
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
  out.querySelector('span').textContent = toLocal(el.dataset.opens) + '–' + toLocal(el.dataset.closes) + (zone ? ' (' + zone + ')' : '');
  out.hidden = false;
})();
