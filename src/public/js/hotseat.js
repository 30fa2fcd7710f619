// The hotseat page, live: the ranking moves as votes arrive, new questions and answers appear,
// "answering now" follows the host. Progressive enhancement: without it the page still works,
// one reload at a time. agora.js has already wired the forms (votes go through it).
(function () {
  'use strict';
  var body = document.body;
  var hotseatId = body.getAttribute('data-hotseat-id');
  var courseId = body.getAttribute('data-course-id');
  if (!hotseatId || !courseId || typeof window.io !== 'function' || typeof window.agoraFragment !== 'function') return;
  var main = document.getElementById('main');
  var phase = main.getAttribute('data-hotseat-phase');
  var enhance = window.agoraEnhance || function () {};
  var announce = window.agoraAnnounce || function () {};
  var t = window.agoraT || function (key) { return key; };
  // agora.js parses fragments the same way for the room: the page's CSRF token goes into their forms.
  var fragment = window.agoraFragment;
  // One phase event goes to every viewer: each page names the phase in its own language.
  var PHASE_KEYS = {
    draft: 'hotseat.phaseDraft', scheduled: 'hotseat.phaseScheduled', collecting: 'hotseat.phaseCollecting', live: 'hotseat.phaseLive', closed: 'hotseat.phaseClosed',
  };

  function list(name) { return document.querySelector('[data-question-list="' + name + '"]'); }
  function item(id) { return document.getElementById('question-' + id); }

  /** Votes first, then the older question first: the same order as the server's. */
  function resort(listNode) {
    if (!listNode) return;
    var items = Array.prototype.slice.call(listNode.children);
    var sorted = items.slice().sort(function (a, b) {
      return Number(b.getAttribute('data-votes')) - Number(a.getAttribute('data-votes'))
        || a.getAttribute('data-created').localeCompare(b.getAttribute('data-created'));
    });
    var changed = sorted.some(function (node, i) { return node !== items[i]; });
    if (!changed) return;
    // Moving the element that holds focus would lose it; keep it and move the others around it.
    var focused = document.activeElement;
    sorted.forEach(function (node) {
      if (node.contains(focused)) return;
      listNode.appendChild(node);
    });
  }

  function refreshCounts() {
    var open = list('open');
    var count = document.querySelector('[data-open-count]');
    if (open && count) count.textContent = String(open.children.length);
    var empty = document.querySelector('[data-empty-open]');
    if (open && empty) empty.hidden = open.children.length > 0;
    var emptyAnswered = document.querySelector('[data-empty-answered]');
    var answered = list('answered');
    if (answered && emptyAnswered) emptyAnswered.hidden = answered.children.length > 0;
  }

  // ---- ranking: coalesced counts, at most ten times a second ----
  var dirtyOpen = false;
  function applyRanking(update) {
    update.counts.forEach(function (entry) {
      var node = item(entry[0]);
      if (!node || Number(node.getAttribute('data-vote-version')) >= entry[2]) return;
      node.setAttribute('data-votes', String(entry[1]));
      node.setAttribute('data-vote-version', String(entry[2]));
      var count = node.querySelector('[data-vote-count]');
      if (count) count.textContent = String(entry[1]);
      if (node.parentNode === list('open')) dirtyOpen = true;
    });
    if (dirtyOpen) {
      dirtyOpen = false;
      window.requestAnimationFrame(function () { resort(list('open')); });
    }
  }

  // ---- one question changed ----
  function applyQuestion(event) {
    var old = item(event.questionId);
    var pressed = old && old.querySelector('[data-vote-button]') ? old.querySelector('[data-vote-button]').getAttribute('aria-pressed') : null;
    var typing = old && old.querySelector('details[open]') && old.contains(document.activeElement);
    if (event.removed || !event.list) {
      if (old && !typing) old.remove();
      refreshCounts();
      return;
    }
    var target = list(event.list);
    if (!target) { if (old && !typing) old.remove(); refreshCounts(); return; }
    if (typing) return; // never yank a form someone is writing in; the next reload shows it
    var fresh = fragment(event.html);
    var button = fresh.querySelector('[data-vote-button]');
    if (button && pressed !== null) button.setAttribute('aria-pressed', pressed);
    if (old) old.remove();
    target.appendChild(fresh);
    enhance(fresh);
    if (event.list === 'open') resort(target);
    refreshCounts();
    if (event.change === 'created') announce(t('client.newQuestion'));
    else if (event.change === 'answered') announce(t('client.questionAnswered'));
  }

  // ---- the hotseat itself changed ----
  function typingSomewhere() {
    var fields = main.querySelectorAll('textarea, input[type="text"], input:not([type])');
    // Changed from what the page came with (edit forms start from the question's text).
    for (var i = 0; i < fields.length; i += 1) if (fields[i].value !== fields[i].defaultValue) return true;
    return false;
  }

  function banner(text) {
    if (document.querySelector('.banner[data-hotseat-banner]')) return;
    var note = document.createElement('p');
    note.className = 'banner';
    note.setAttribute('data-hotseat-banner', '');
    note.setAttribute('role', 'status');
    note.textContent = text + ' ';
    var reload = document.createElement('a');
    reload.href = window.location.href.split('#')[0];
    reload.textContent = t('client.reload');
    note.appendChild(reload);
    main.insertBefore(note, main.firstChild);
  }

  function applyChange(event) {
    if (event.change === 'answering') {
      var spot = document.querySelector('[data-answering]');
      var nodes = document.querySelectorAll('.hs-question.is-answering');
      for (var i = 0; i < nodes.length; i += 1) nodes[i].classList.remove('is-answering');
      if (spot) {
        spot.hidden = !event.answeringHtml;
        spot.querySelector('[data-answering-body]').innerHTML = event.answeringHtml ? '<div class="post-body">' + event.answeringHtml + '</div>' : '';
      }
      var current = event.answeringId && item(event.answeringId);
      if (current) current.classList.add('is-answering');
      if (event.answeringHtml) announce(t('client.hostAnswering'));
      return;
    }
    if (event.change === 'phase' && event.phase !== phase) {
      var label = PHASE_KEYS[event.phase] ? t(PHASE_KEYS[event.phase]) : event.phaseLabel;
      announce(t('client.hotseatPhaseNow', { phase: label }));
      if (!typingSomewhere()) { window.location.reload(); return; }
      banner(t('client.hotseatPhaseBanner', { phase: label }));
      return;
    }
    if (event.change === 'edited' || event.change === 'hosts') banner(t('client.hotseatUpdated'));
  }

  // ---- catching up after a disconnection ----
  // Hotseat events are not replayed (votes are not events at all), so the page fetches itself and
  // takes the question lists and counts from the fresh copy. Someone writing keeps their page and
  // gets the banner instead; so does a failed fetch. `afterOutage`: this page stayed connected, but
  // Agora's processes could not pass updates to each other for a while (nothing to announce then).
  function catchUp(afterOutage) {
    var missed = t(afterOutage === true ? 'client.hotseatUpdatesInterrupted' : 'client.hotseatWasOffline');
    if (typingSomewhere() || typeof window.fetch !== 'function' || typeof window.DOMParser !== 'function') {
      banner(missed);
      return;
    }
    window.fetch(window.location.href.split('#')[0], { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (response) { if (!response.ok) throw new Error(String(response.status)); return response.text(); })
      .then(function (html) {
        if (typingSomewhere()) { banner(missed); return; }
        var fresh = new window.DOMParser().parseFromString(html, 'text/html');
        // A phase change missed meanwhile: the same as receiving it live (the page reloads).
        var freshMain = fresh.getElementById('main');
        var freshPhase = freshMain && freshMain.getAttribute('data-hotseat-phase');
        if (freshPhase && freshPhase !== phase) { applyChange({ change: 'phase', phase: freshPhase }); return; }
        var lists = fresh.querySelectorAll('[data-question-list]');
        for (var i = 0; i < lists.length; i += 1) {
          var current = list(lists[i].getAttribute('data-question-list'));
          if (!current) continue;
          current.innerHTML = lists[i].innerHTML;
          enhance(current);
        }
        // "Answering now" too: the host may have moved on while this page was away.
        var spotFresh = fresh.querySelector('[data-answering]');
        var spot = document.querySelector('[data-answering]');
        if (spotFresh && spot) { spot.hidden = spotFresh.hidden; spot.innerHTML = spotFresh.innerHTML; }
        refreshCounts();
        if (afterOutage !== true) announce(t('client.hotseatCaughtUp'));
      })
      .catch(function () { banner(missed); });
  }

  // ---- connection ----
  var status = document.querySelector('[data-connection]');
  function setStatus(state, text) {
    if (!status) return;
    status.hidden = false;
    status.setAttribute('data-state', state);
    status.querySelector('[data-connection-text]').textContent = text;
  }
  var watching = document.querySelector('[data-watching-count]');
  function setWatching(count) { if (watching) watching.textContent = String(count); }

  var joinedBefore = false;
  var socket = window.io({ transports: ['websocket'] });
  socket.on('connect', function () {
    socket.emit('hotseat:join', { courseId: courseId, hotseatId: hotseatId }, function (answer) {
      if (!answer || !answer.ok) {
        setStatus('offline', (answer && answer.error && answer.error.message) || t('client.liveUnavailable'));
        return;
      }
      setStatus('live', t('client.live'));
      setWatching(answer.data.watching);
      // After a disconnection the lists may be stale: the page catches up with what it missed.
      if (joinedBefore && answer.data.phase !== phase) window.location.reload();
      else if (joinedBefore) catchUp();
      joinedBefore = true;
    });
  });
  // Redis is back after an outage (several Agora processes): what other processes sent meanwhile
  // never came. Spread over a second: every page on every process is told at the same moment.
  socket.on('course:catch-up', function () {
    if (joinedBefore) window.setTimeout(function () { catchUp(true); }, Math.random() * 1000);
  });
  socket.on('hotseat:ranking', function (update) { if (update.hotseatId === hotseatId) applyRanking(update); });
  socket.on('hotseat:question', function (event) { if (event.hotseatId === hotseatId) applyQuestion(event); });
  socket.on('hotseat:changed', function (event) { if (event.hotseatId === hotseatId) applyChange(event); });
  socket.on('hotseat:watching', function (message) { if (message.hotseatId === hotseatId) setWatching(message.watching); });
  socket.on('disconnect', function () { setStatus('offline', t('client.reconnecting')); });
  socket.on('connect_error', function (error) {
    setStatus('offline', (error && error.data && error.data.message) || t('client.reconnecting'));
  });
})();
