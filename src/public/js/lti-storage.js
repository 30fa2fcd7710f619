// LTI platform storage (1EdTech "LTI Client Side postMessages"): when the browser blocks Agora's
// cookies inside the LMS frame, the login stores a value in the LMS's storage and the launch reads
// it back, proving this browser started the launch. Data comes from data-* attributes (no inline
// script); every message goes to, and is accepted only from, the LMS origin the login named.
(function () {
  'use strict';

  var root = document.querySelector('[data-lti-storage]');
  if (!root) return;
  var data = function (name) { return root.getAttribute('data-' + name) || ''; };
  var t = window.agoraT || function (key) { return key; };
  var origin = data('origin');
  var status = root.querySelector('[data-lti-status]');
  var TIMEOUT_MS = 3000;

  function say(text) { if (status) status.textContent = text; }

  // The frame the LMS named: "_parent" is the page embedding Agora; any other name is a frame of it.
  function storageWindow(target) {
    var parent = window.parent;
    if (!parent || parent === window) return null;
    if (target === '_parent') return parent;
    try {
      return parent.frames[target] || null;
    } catch {
      return null;
    }
  }

  // Sends one message and calls back with the matching answer's value, or with null on an error
  // answer, no answer in time, or no LMS frame at all.
  function ask(message, done) {
    var frame = storageWindow(data('target'));
    if (!frame) { done(null); return; }
    var id = 'agora-' + Math.floor(Math.random() * 1e9) + '-' + Date.now();
    var finished = false;
    function finish(value) {
      if (finished) return;
      finished = true;
      window.removeEventListener('message', onMessage);
      done(value);
    }
    function onMessage(event) {
      var answer = event.data;
      if (event.origin !== origin || !answer || answer.message_id !== id || answer.subject !== message.subject + '.response') return;
      finish(answer.error ? null : (typeof answer.value === 'string' ? answer.value : null));
    }
    window.addEventListener('message', onMessage);
    message.message_id = id;
    frame.postMessage(message, origin);
    window.setTimeout(function () { finish(null); }, TIMEOUT_MS);
  }

  function showNewWindow(problem, href) {
    var section = root.querySelector('[data-lti-new-window]');
    if (!section) return;
    if (problem) section.querySelector('[data-lti-problem]').textContent = problem;
    if (href) section.querySelector('[data-lti-new-window-link]').setAttribute('href', href);
    section.hidden = false;
    var heading = root.querySelector('[data-lti-heading]');
    if (heading) heading.textContent = t('client.ltiOpenInNewWindow');
    say('');
  }

  function json(url, options, done) {
    window.fetch(url, options).then(function (response) {
      return response.json().then(function (body) { done(body); });
    }).catch(function () { done({ ok: false, error: { message: t('client.ltiUnreachable') } }); });
  }

  if (data('lti-storage') === 'login') {
    // Store the value, then go on to the LMS whatever happened: the launch says what to do if it failed.
    ask({ subject: 'lti.put_data', key: data('key'), value: data('value') }, function () {
      window.location.replace(data('next'));
    });
    return;
  }

  ask({ subject: 'lti.get_data', key: data('key') }, function (value) {
    say(t('client.ltiOpening'));
    json(data('complete'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ id_token: data('id-token'), state: data('state'), value: value }),
    }, function (answer) {
      if (!answer.ok) { showNewWindow(answer.error && answer.error.message, null); return; }
      // The launch is verified; did the browser keep Agora's session cookie too?
      json(data('session'), { credentials: 'same-origin', headers: { accept: 'application/json' } }, function (session) {
        if (session.ok && session.data.signedIn) { window.location.replace(answer.data.location); return; }
        showNewWindow(t('client.ltiCookiesBlocked'), answer.data.newWindowUrl);
      });
    });
  });
}());
