// Optional: the Mastodon share button. Mastodon has no central server, so
// the button asks for the reader's instance and opens its share page. The
// other share links are plain links and work without this file.
(function () {
  var KEY = 'samvad-mastodon-instance';
  function host(input) {
    var h = (input || '').trim().replace(/^https?:\/\//i, '').replace(/^@?[^@\/]*@/, '').split('/')[0];
    return /^[a-z0-9.-]+\.[a-z]{2,}(:\d+)?$/i.test(h) ? h.toLowerCase() : null;
  }
  var buttons = document.querySelectorAll('.share-mastodon[data-share-path]');
  Array.prototype.forEach.call(buttons, function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      var saved = null;
      try { saved = window.localStorage.getItem(KEY); } catch (e) { /* storage may be off */ }
      var instance = host(window.prompt(button.dataset.prompt, saved || 'mastodon.social'));
      if (!instance) return;
      try { window.localStorage.setItem(KEY, instance); } catch (e) { /* ignore */ }
      window.open('https://' + instance + button.dataset.sharePath, '_blank', 'noopener');
    });
  });
})();
