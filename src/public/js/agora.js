// Agora's page script: progressive enhancement only. Every page works without it; with it, times
// show in the reader's own zone and language, small actions (votes, follows, reports) happen in
// place, @mentions autocomplete, and the course's activity arrives live over socket.io as the same
// HTML fragments the server renders for pages.
(function () {
  'use strict';

  var body = document.body;
  var csrf = body.getAttribute('data-csrf') || '';
  var courseId = body.getAttribute('data-course-id');
  var threadId = body.getAttribute('data-thread-id');
  // The page's language (the launch's, set by the server) for words, numbers and dates alike.
  var lang = document.documentElement.lang || 'en';
  var timeFormat = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  var numberFormat = new Intl.NumberFormat(lang);
  var pluralRules = new Intl.PluralRules(lang);
  var messages = {};
  try {
    messages = JSON.parse(document.getElementById('agora-messages').textContent);
  } catch {
    // No catalog: keys show, and the page still works.
  }

  /** The server's translate(), for the client.* messages the layout embeds: {name} parameters, plural forms by count. */
  function t(key, params) {
    var message = messages[key];
    params = params || {};
    if (message === undefined) return key;
    if (typeof message === 'object') {
      var count = Number(params.count || 0);
      message = count === 0 && message.zero !== undefined ? message.zero : (message[pluralRules.select(count)] || message.other);
    }
    return message.replace(/\{(\w+)\}/g, function (whole, name) {
      var value = params[name];
      if (value === undefined || value === null) return whole;
      return typeof value === 'number' ? numberFormat.format(value) : String(value);
    });
  }
  window.agoraT = t;

  function localiseTimes(root) {
    var times = (root || document).querySelectorAll('time[datetime]');
    for (var i = 0; i < times.length; i += 1) {
      var date = new Date(times[i].getAttribute('datetime'));
      if (!isNaN(date.getTime())) times[i].textContent = timeFormat.format(date);
    }
  }

  function announce(text) {
    var region = document.getElementById('live-announcer');
    if (!region) return;
    region.textContent = '';
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  // ---- Forms: confirmation, and small actions without a page load -------------------------
  function wireForms(root) {
    var confirmed = (root || document).querySelectorAll('form[data-confirm]');
    for (var i = 0; i < confirmed.length; i += 1) {
      confirmed[i].addEventListener('submit', function (event) {
        if (!window.confirm(event.currentTarget.getAttribute('data-confirm'))) event.preventDefault();
      });
    }
    var enhanced = (root || document).querySelectorAll('form[data-enhance]');
    for (var j = 0; j < enhanced.length; j += 1) enhanced[j].addEventListener('submit', submitInPlace);
  }

  function submitInPlace(event) {
    var form = event.currentTarget;
    event.preventDefault();
    var data = new URLSearchParams(new FormData(form));
    fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded', 'X-CSRF-Token': csrf },
      body: data.toString(),
    }).then(function (response) {
      return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; });
    }).then(function (result) {
      var kind = form.getAttribute('data-enhance');
      var status = form.querySelector('[data-form-status]');
      if (!result.ok || !result.answer.ok) {
        var message = (result.answer && result.answer.error && result.answer.error.message) || t('client.actionFailed');
        if (status) status.textContent = message; else window.alert(message);
        return;
      }
      var answer = result.answer.data || {};
      if (kind === 'vote' || kind === 'hotseat-vote') {
        var button = form.querySelector('[data-vote-button]');
        button.setAttribute('aria-pressed', answer.voted ? 'true' : 'false');
        // A hotseat question's count also moves live; a newer count from the ranking wins.
        var item = form.closest('[data-vote-version]');
        if (!item || Number(item.getAttribute('data-vote-version')) < answer.voteVersion) {
          form.querySelector('[data-vote-count]').textContent = String(answer.voteCount);
          if (item) {
            item.setAttribute('data-vote-version', String(answer.voteVersion));
            item.setAttribute('data-votes', String(answer.voteCount));
          }
        }
        announce(t(answer.voted ? 'client.voteAdded' : 'client.voteRemoved'));
      } else if (kind === 'follow') {
        var follow = form.querySelector('[data-follow-button]');
        follow.setAttribute('aria-pressed', answer.following ? 'true' : 'false');
        follow.textContent = t(answer.following ? 'client.following' : 'client.follow');
        form.querySelector('[data-follow-value]').value = answer.following ? 'false' : 'true';
        announce(t(answer.following ? 'client.nowFollowing' : 'client.noLongerFollowing'));
      } else if (kind === 'report') {
        if (status) status.textContent = t('client.reportThanks');
        form.reset();
      }
    }).catch(function () {
      form.submit();
    });
  }

  // ---- @mentions ----------------------------------------------------------------------------
  function wireMentions(root) {
    if (!courseId) return;
    var fields = (root || document).querySelectorAll('textarea[data-mentions]');
    for (var i = 0; i < fields.length; i += 1) attachMentions(fields[i]);
  }

  function attachMentions(field) {
    var list = document.createElement('ul');
    list.className = 'mention-list';
    list.id = field.id + '-mentions';
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    field.parentNode.insertBefore(list, field.nextSibling);
    field.setAttribute('aria-autocomplete', 'list');
    field.setAttribute('aria-controls', list.id);
    var options = [];
    var active = -1;

    function close() { list.hidden = true; options = []; active = -1; field.removeAttribute('aria-activedescendant'); }
    function query() {
      var before = field.value.slice(0, field.selectionStart);
      var match = /(^|\s)@([\w.-]{1,40})$/.exec(before);
      return match ? match[2] : null;
    }
    function choose(handle) {
      var caret = field.selectionStart;
      var before = field.value.slice(0, caret).replace(/@[\w.-]*$/, '@' + handle + ' ');
      field.value = before + field.value.slice(caret);
      field.selectionStart = field.selectionEnd = before.length;
      close();
      field.focus();
    }
    function highlight(index) {
      active = index;
      for (var i = 0; i < list.children.length; i += 1) list.children[i].setAttribute('aria-selected', i === index ? 'true' : 'false');
      if (index >= 0) field.setAttribute('aria-activedescendant', list.children[index].id);
    }
    field.addEventListener('input', function () {
      var q = query();
      if (!q) { close(); return; }
      fetch('/api/courses/' + encodeURIComponent(courseId) + '/members?q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.json(); })
        .then(function (answer) {
          options = (answer.data && answer.data.members) || [];
          list.textContent = '';
          options.forEach(function (member, index) {
            var item = document.createElement('li');
            item.id = list.id + '-' + index;
            item.setAttribute('role', 'option');
            item.textContent = member.name + ' (@' + member.handle + ')';
            item.addEventListener('mousedown', function (e) { e.preventDefault(); choose(member.handle); });
            list.appendChild(item);
          });
          list.hidden = options.length === 0;
          highlight(options.length ? 0 : -1);
        })
        .catch(close);
    });
    field.addEventListener('keydown', function (event) {
      if (list.hidden) return;
      if (event.key === 'ArrowDown') { event.preventDefault(); highlight((active + 1) % options.length); }
      else if (event.key === 'ArrowUp') { event.preventDefault(); highlight((active - 1 + options.length) % options.length); }
      else if (event.key === 'Enter' || event.key === 'Tab') { if (active >= 0) { event.preventDefault(); choose(options[active].handle); } }
      else if (event.key === 'Escape') close();
    });
    field.addEventListener('blur', function () { window.setTimeout(close, 150); });
  }

  /**
   * Date-time fields arrive in UTC (the server knows no time zone); shown and sent in the
   * viewer's own, as ISO times with their offset. Without this script the form says "UTC".
   */
  function wireLocalTimes(root) {
    var forms = (root || document).querySelectorAll('form[data-local-times]');
    function pad(n) { return String(n).padStart(2, '0'); }
    function local(date) { return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + 'T' + pad(date.getHours()) + ':' + pad(date.getMinutes()); }
    for (var i = 0; i < forms.length; i += 1) {
      var form = forms[i];
      var fields = form.querySelectorAll('input[type="datetime-local"]');
      for (var j = 0; j < fields.length; j += 1) {
        if (fields[j].value) fields[j].value = local(new Date(fields[j].value + 'Z'));
      }
      var note = form.querySelector('[data-time-zone-note]');
      if (note) note.textContent = t('client.timeZoneNote', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone || t('client.localTimeZone') });
      form.addEventListener('submit', function (event) {
        var inputs = event.currentTarget.querySelectorAll('input[type="datetime-local"]');
        for (var k = 0; k < inputs.length; k += 1) {
          var field = inputs[k];
          var hidden = document.createElement('input');
          hidden.type = 'hidden';
          hidden.name = field.name;
          hidden.value = field.value ? new Date(field.value).toISOString() : '';
          field.removeAttribute('name');
          event.currentTarget.appendChild(hidden);
        }
      });
    }
  }

  function enhance(root) {
    localiseTimes(root);
    wireForms(root);
    wireMentions(root);
  }
  enhance(document);
  wireLocalTimes(document);
  window.agoraEnhance = enhance;
  window.agoraAnnounce = announce;
  window.agoraFragment = fragment;

  // ---- Live updates ------------------------------------------------------------------------
  // A hotseat page keeps its own connection (hotseat.js): guest hosts belong to no course room.
  if (body.hasAttribute('data-hotseat-id')) return;
  if (!courseId || typeof window.io !== 'function') return;
  // Events are numbered by the store. With several Agora processes two events can arrive out of
  // order, so each is applied once by its number, and a reconnection asks again from a little
  // before the newest one seen (what was already applied is skipped).
  var pageSeq = Number(body.getAttribute('data-last-seq') || '0');
  var applied = {};
  var recent = [];
  var joined = false;
  var buffered = [];

  function resumeFrom() {
    if (recent.length === 0) return pageSeq;
    var newest = recent[recent.length - 1];
    var floor = newest.seq;
    for (var i = recent.length - 1; i >= 0 && newest.at - recent[i].at < 5000; i -= 1) floor = Math.min(floor, recent[i].seq);
    return Math.max(pageSeq, floor - 1);
  }

  /**
   * After a Redis outage (several Agora processes), what the page may have missed began `outageMs`
   * ago: it asks again from the newest event it applied before then (anything applied before then
   * was stored before what the outage held back; what came since is skipped by its number). A page
   * that remembers nothing that old asks from what it was rendered with.
   */
  function catchUpFrom(outageMs) {
    var before = Date.now() - outageMs - 5000;
    var from = pageSeq;
    for (var i = 0; i < recent.length; i += 1) if (recent[i].at < before) from = Math.max(from, recent[i].seq);
    return from;
  }

  /** Parses a server-rendered fragment; the page's own CSRF token goes into its forms. */
  function fragment(html) {
    var holder = document.createElement('div');
    holder.innerHTML = html.trim();
    var node = holder.firstElementChild;
    var tokens = node.querySelectorAll('input[name="_csrf"]');
    for (var i = 0; i < tokens.length; i += 1) tokens[i].value = csrf;
    return node;
  }

  /** Replaces an element with fresh HTML, keeping this viewer's own vote and follow state. */
  function replaceKeepingState(old, fresh) {
    var keep = old.querySelectorAll('[data-vote-button], [data-follow-button]');
    for (var i = 0; i < keep.length; i += 1) {
      var same = fresh.querySelectorAll('[data-vote-button], [data-follow-button]')[i];
      if (same) {
        same.setAttribute('aria-pressed', keep[i].getAttribute('aria-pressed'));
        if (same.hasAttribute('data-follow-button')) same.textContent = keep[i].textContent;
      }
    }
    var openDetails = old.querySelector('details[open]');
    if (openDetails && openDetails.contains(document.activeElement)) return; // never yank a form someone is typing in
    old.replaceWith(fresh);
    enhance(fresh);
  }

  function place(node) {
    node.classList.add('is-new');
    enhance(node);
    return node;
  }

  function applyToList(event) {
    var list = document.querySelector('[data-thread-list]');
    if (!list) return;
    var existing = document.getElementById('thread-' + event.threadId);
    if (event.removed) { if (existing) existing.remove(); return; }
    if (!event.threadItemHtml) return;
    var fresh = place(fragment(event.threadItemHtml));
    var fresher = event.type === 'thread.created' || event.type === 'reply.created';
    var canReorder = !list.hasAttribute('data-not-first-page') && !list.hasAttribute('data-filtered');
    if (existing && !(fresher && canReorder)) { replaceKeepingState(existing, fresh); return; }
    if (!canReorder) return;
    if (existing) existing.remove();
    var firstUnpinned = list.querySelector('.thread-item:not(.is-pinned)');
    list.insertBefore(fresh, fresh.classList.contains('is-pinned') ? list.firstChild : firstUnpinned);
    var empty = document.querySelector('[data-empty-threads]');
    if (empty) empty.remove();
  }

  function applyToThreadPage(event) {
    if (threadId !== event.threadId) return;
    if (event.removed && !event.replyId) {
      var main = document.getElementById('main');
      main.textContent = '';
      var note = document.createElement('p');
      note.className = 'empty-state';
      note.textContent = t('client.threadHidden') + ' ';
      var back = document.createElement('a');
      back.href = '/c/' + courseId + '/discussion';
      back.textContent = t('client.backToRoom');
      note.appendChild(back);
      main.appendChild(note);
      return;
    }
    if (event.threadHeadHtml) {
      var head = document.getElementById('thread-head');
      var freshHead = fragment(event.threadHeadHtml);
      if (head && offersLess(head, freshHead)) refetchThreadHead();
      else if (head) replaceKeepingState(head, freshHead);
    }
    if (event.replyId) {
      var current = document.getElementById('reply-' + event.replyId);
      if (event.removed) { if (current) current.remove(); }
      else if (current) replaceKeepingState(current, fragment(event.replyHtml));
      else if (event.replyHtml) {
        var target = event.parentId ? document.querySelector('[data-comment-list="' + event.parentId + '"]') : document.querySelector('[data-reply-list]');
        if (target) target.appendChild(place(fragment(event.replyHtml)));
        var empty = document.querySelector('[data-empty-replies]');
        if (empty) empty.remove();
        if (event.type === 'reply.created') announce(t(event.parentId ? 'client.newCommentBy' : 'client.newReplyBy', { name: event.reply.authorName }));
      }
    }
    var count = document.querySelector('#replies-heading [data-reply-count]');
    if (count && event.thread) count.textContent = t('client.replyCount', { count: event.thread.replyCount });
  }

  /**
   * Live fragments are rendered once per audience (staff, learners, the author), so a community
   * champion receives the learners' thread head, without the Pin and Lock buttons this viewer has.
   * When a fragment offers fewer moderation forms than the head on the page, this viewer has rights
   * its audience lacks: the page asks the server for its own thread head instead.
   */
  function offersLess(current, fresh) {
    var selector = 'form[action$="/moderate"]';
    return fresh.querySelectorAll(selector).length < current.querySelectorAll(selector).length;
  }

  var refetching = null;
  function refetchThreadHead() {
    if (refetching) return;
    refetching = fetch(window.location.pathname, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        var own = new window.DOMParser().parseFromString(html, 'text/html').getElementById('thread-head');
        var head = document.getElementById('thread-head');
        if (own && head) replaceKeepingState(head, fragment(own.outerHTML));
      })
      .catch(function () { /* the next update or a reload shows the change */ })
      .then(function () { refetching = null; });
  }

  function applyToHome(event) {
    if (event.type !== 'thread.created' || event.removed) return;
    var summary = document.querySelector('[data-space="discussion"] [data-space-summary]');
    if (!summary) return;
    var current = parseInt(summary.textContent.replace(/[^0-9]/g, ''), 10) || 0;
    summary.textContent = t('client.threadCount', { count: current + 1 });
    var empty = document.querySelector('[data-space="discussion"] [data-space-empty]');
    if (empty) empty.remove();
  }

  function apply(event) {
    if (event.courseId !== courseId || event.seq <= pageSeq || applied[event.seq]) return;
    applied[event.seq] = true;
    recent.push({ seq: event.seq, at: Date.now() });
    if (recent.length > 200) delete applied[recent.shift().seq];
    applyToList(event);
    applyToThreadPage(event);
    applyToHome(event);
    if (event.type === 'thread.created' && !event.removed && event.thread && threadId === null) announce(t('client.newThread', { title: event.thread.title }));
  }

  function setUnread(count) {
    var badge = document.querySelector('[data-unread-count]');
    if (!badge) return;
    badge.textContent = String(count);
    badge.hidden = count === 0;
  }

  function renderPresence(people, total) {
    var list = document.querySelector('[data-presence-list]');
    if (!list) return;
    list.textContent = '';
    for (var i = 0; i < people.length; i += 1) {
      var item = document.createElement('li');
      var avatar = document.createElement('span');
      avatar.className = 'avatar';
      avatar.setAttribute('aria-hidden', 'true');
      avatar.textContent = people[i].initials;
      var name = document.createElement('span');
      var worded = people[i].nameMessage;
      name.textContent = worded && messages[worded.key] !== undefined ? t(worded.key, worded.params) : people[i].name;
      item.appendChild(avatar);
      item.appendChild(name);
      if (people[i].role === 'staff') {
        var badge = document.createElement('span');
        badge.className = 'staff-badge';
        badge.textContent = t('client.staffBadge');
        item.appendChild(badge);
      }
      list.appendChild(item);
    }
    if (total > people.length) {
      var more = document.createElement('li');
      more.textContent = t('client.andMore', { count: total - people.length });
      list.appendChild(more);
    }
    var empty = document.querySelector('[data-presence-empty]');
    if (empty) empty.hidden = total > 1;
  }

  var status = document.querySelector('[data-connection]');
  function setStatus(state, text) {
    if (!status) return;
    status.hidden = false;
    status.setAttribute('data-state', state);
    status.querySelector('[data-connection-text]').textContent = text;
  }

  function showBanner(text) {
    var main = document.getElementById('main');
    if (!main || document.querySelector('.banner[data-resync]')) return;
    var banner = document.createElement('p');
    banner.className = 'banner';
    banner.setAttribute('data-resync', '');
    banner.textContent = text + ' ';
    var reload = document.createElement('a');
    reload.href = window.location.href;
    reload.textContent = t('client.reload');
    banner.appendChild(reload);
    main.insertBefore(banner, main.firstChild);
  }

  // websocket only: no long-polling, so several Agora processes need no sticky sessions.
  var socket = window.io({ transports: ['websocket'] });
  /** Joins the course's rooms and applies what came after `afterSeq`; `again`: already in them, catching up. */
  function join(afterSeq, again) {
    if (!again) joined = false;
    socket.emit('course:join', { courseId: courseId, afterSeq: afterSeq }, function (answer) {
      if (!answer || !answer.ok) {
        // A catch-up that fails leaves the page live as it was.
        if (!again) setStatus('offline', (answer && answer.error && answer.error.message) || t('client.liveUnavailable'));
        return;
      }
      joined = true;
      setStatus('live', t('client.live'));
      if (answer.data.resync) showBanner(t('client.missedUpdates'));
      var pending = answer.data.replayed.concat(buffered).sort(function (a, b) { return a.seq - b.seq; });
      buffered = [];
      pending.forEach(apply);
      renderPresence(answer.data.people, answer.data.total);
      setUnread(answer.data.unread);
    });
  }
  socket.on('connect', function () { join(resumeFrom(), false); });
  // Redis is back after an outage: posts other processes took meanwhile never reached this page.
  socket.on('course:catch-up', function (hint) {
    if (!joined || !hint || typeof hint.outageMs !== 'number') return;
    var afterSeq = catchUpFrom(hint.outageMs);
    // Spread over a second: every page on every process is told at the same moment.
    window.setTimeout(function () { if (joined) join(afterSeq, true); }, Math.random() * 1000);
  });
  function received(event) {
    if (joined) apply(event);
    else buffered.push(event);
  }
  socket.on('course:event', received);
  // Under load the server sends the events of one moment together, in order.
  socket.on('course:events', function (events) {
    if (Array.isArray(events)) events.forEach(received);
  });
  socket.on('course:presence', function (message) {
    if (message.courseId === courseId) renderPresence(message.people, message.total);
  });
  socket.on('course:notifications', function (message) {
    if (message.courseId !== courseId) return;
    setUnread(message.unread);
    announce(t('client.newNotification'));
  });
  socket.on('disconnect', function () { setStatus('offline', t('client.reconnecting')); });
  socket.on('connect_error', function (error) {
    setStatus('offline', (error && error.data && error.data.message) || t('client.reconnecting'));
  });
})();
