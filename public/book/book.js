// The public booking page's script (served as-is: no build step, no framework). It renders the
// cards the server sends with the official Adaptive Cards renderer and posts each card action
// back to /api/public/actions. The server re-checks everything; this script only shows.
(function () {
  'use strict';

  var SESSION_KEY = 'neuvo.publicSession';
  var config = JSON.parse(document.getElementById('neuvo-config').textContent);
  var cardHost = document.getElementById('card');
  var status = document.getElementById('status');
  var busy = false;

  var hostConfig = new AdaptiveCards.HostConfig({
    fontFamily: 'system-ui, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", Tahoma, sans-serif',
    supportsInteractivity: true,
    spacing: { small: 6, default: 12, medium: 20, large: 28, extraLarge: 40, padding: 16 },
    fontSizes: { small: 14, default: 16, medium: 18, large: 22, extraLarge: 26 },
    actions: { maxActions: 10, actionsOrientation: 'vertical', actionAlignment: 'stretch', buttonSpacing: 8, spacing: 'default' },
  });

  function timeZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Helsinki';
    } catch {
      return 'Europe/Helsinki';
    }
  }

  function setStatus(text, isError) {
    status.textContent = text || '';
    status.className = isError ? 'status error' : 'status';
  }

  function render(card) {
    var adaptiveCard = new AdaptiveCards.AdaptiveCard();
    adaptiveCard.hostConfig = hostConfig;
    adaptiveCard.onExecuteAction = onAction;
    adaptiveCard.parse(card);
    var element = adaptiveCard.render();
    cardHost.replaceChildren(element);
    // Move focus to the new card's first text, so a screen reader announces what changed.
    var first = element.querySelector('.ac-textBlock');
    if (first) {
      first.setAttribute('tabindex', '-1');
      first.focus({ preventScroll: false });
    }
  }

  function onAction(action) {
    if (action instanceof AdaptiveCards.OpenUrlAction) {
      // Only https links (the Teams join link); the server never sends anything else.
      if (/^https:\/\//.test(action.url)) window.open(action.url, '_blank', 'noopener');
      return;
    }
    var data = action.data || {};
    send(action.verb || data.verb, data);
  }

  function send(verb, data) {
    if (busy) return;
    busy = true;
    setStatus(config.texts.loading, false);
    cardHost.setAttribute('aria-busy', 'true');
    var headers = { 'content-type': 'application/json' };
    var token = window.sessionStorage.getItem(SESSION_KEY);
    if (token) headers.authorization = 'Bearer ' + token;
    fetch('/api/public/actions?lang=' + encodeURIComponent(config.lang), {
      method: 'POST',
      headers: headers,
      credentials: 'omit',
      body: JSON.stringify({ verb: verb, data: data, lang: config.lang, timeZone: timeZone() }),
    })
      .then(function (response) {
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (body) {
            return { status: response.status, body: body };
          });
      })
      .then(function (answer) {
        if (answer.body.session) window.sessionStorage.setItem(SESSION_KEY, answer.body.session);
        if (answer.status === 401) window.sessionStorage.removeItem(SESSION_KEY);
        if (answer.body.card) render(answer.body.card);
        if (answer.status >= 400) setStatus(answer.body.message || config.texts.network, true);
        else setStatus('', false);
      })
      .catch(function () {
        setStatus(config.texts.network, true);
      })
      .then(function () {
        busy = false;
        cardHost.removeAttribute('aria-busy');
      });
  }

  render(config.card);
})();
