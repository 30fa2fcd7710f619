// Agora's page script: progressive enhancement only. Pages work without it; with it, times show in
// the reader's own zone and language, and the course's activity arrives live over socket.io.
(function () {
  'use strict';

  var body = document.body;
  var timeFormat = new Intl.DateTimeFormat(navigator.language || 'en', { dateStyle: 'medium', timeStyle: 'short' });

  function localiseTimes(root) {
    var times = (root || document).querySelectorAll('time[datetime]');
    for (var i = 0; i < times.length; i += 1) {
      var date = new Date(times[i].getAttribute('datetime'));
      if (!isNaN(date.getTime())) times[i].textContent = timeFormat.format(date);
    }
  }
  localiseTimes();

  var courseId = body.getAttribute('data-course-id');
  if (!courseId || typeof window.io !== 'function') return;

  var threadId = body.getAttribute('data-thread-id');
  var page = body.getAttribute('data-page');
  var lastSeq = Number(body.getAttribute('data-last-seq') || '0');
  var joined = false;
  var buffered = [];

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function timeEl(view) {
    var node = el('time', '', view.text);
    node.setAttribute('datetime', view.iso);
    localiseTimes(node.parentNode || undefined);
    node.textContent = timeFormat.format(new Date(view.iso));
    return node;
  }
  function plural(count, one, many) { return count + ' ' + (count === 1 ? one : many); }
  function announce(text) {
    var region = document.getElementById('live-announcer');
    if (!region) return;
    region.textContent = '';
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  // Mirrors views/partials/thread-item.hbs; every value goes in as text, never as HTML.
  function threadItem(thread) {
    var item = el('li', 'thread-item is-new');
    item.id = 'thread-' + thread.id;
    item.setAttribute('data-thread-id', thread.id);
    var title = el('h3', 'thread-item-title');
    var link = el('a', '', thread.title);
    link.href = thread.url;
    title.appendChild(link);
    item.appendChild(title);
    if (thread.excerpt) item.appendChild(el('p', 'thread-item-excerpt', thread.excerpt));
    var meta = el('p', 'meta');
    meta.appendChild(el('span', 'author', thread.author.name));
    meta.appendChild(document.createTextNode(' · '));
    var count = el('span', '', plural(thread.replyCount, 'reply', 'replies'));
    count.setAttribute('data-reply-count', '');
    meta.appendChild(count);
    meta.appendChild(document.createTextNode(' · last activity '));
    meta.appendChild(timeEl(thread.lastActivityAt));
    item.appendChild(meta);
    return item;
  }

  // Mirrors views/partials/reply.hbs. bodyHtml was rendered and sanitised by the server,
  // exactly as the server-rendered page shows it.
  function replyItem(reply) {
    var item = el('li', 'reply is-new');
    item.id = 'reply-' + reply.id;
    var article = el('article');
    article.setAttribute('aria-label', 'Reply by ' + reply.author.name);
    var meta = el('p', 'meta');
    var avatar = el('span', 'avatar', reply.author.initials);
    avatar.setAttribute('aria-hidden', 'true');
    meta.appendChild(avatar);
    meta.appendChild(el('span', 'author', reply.author.name));
    meta.appendChild(document.createTextNode(' · '));
    meta.appendChild(timeEl(reply.createdAt));
    article.appendChild(meta);
    var content = el('div', 'post-body');
    content.innerHTML = reply.bodyHtml;
    article.appendChild(content);
    item.appendChild(article);
    return item;
  }

  function showThreadInList(thread) {
    var list = document.querySelector('[data-thread-list]');
    if (!list || list.hasAttribute('data-not-first-page')) return;
    var existing = document.getElementById('thread-' + thread.id);
    if (existing) existing.remove();
    list.insertBefore(threadItem(thread), list.firstChild);
    var empty = document.querySelector('[data-empty-threads]');
    if (empty) empty.remove();
  }

  function updateHomeSummary(thread, isNewThread) {
    var space = document.querySelector('[data-space="discussion"]');
    if (!space) return;
    var summary = space.querySelector('[data-space-summary]');
    if (summary && isNewThread) {
      var current = parseInt(summary.textContent.replace(/[^0-9]/g, ''), 10) || 0;
      summary.textContent = plural(current + 1, 'thread', 'threads');
    }
    var empty = space.querySelector('[data-space-empty]');
    if (empty) empty.remove();
  }

  function apply(event) {
    if (event.seq <= lastSeq) return;
    lastSeq = event.seq;
    if (event.type === 'thread.created') {
      showThreadInList(event.thread);
      updateHomeSummary(event.thread, true);
      announce('New thread: ' + event.thread.title + ', by ' + event.thread.author.name);
    } else if (event.type === 'reply.created') {
      if (threadId === event.thread.id && !document.getElementById('reply-' + event.reply.id)) {
        var list = document.querySelector('[data-reply-list]');
        if (list) list.appendChild(replyItem(event.reply));
        var emptyReplies = document.querySelector('[data-empty-replies]');
        if (emptyReplies) emptyReplies.remove();
        var heading = document.querySelector('#replies-heading [data-reply-count]');
        if (heading) heading.textContent = plural(event.thread.replyCount, 'reply', 'replies');
        announce('New reply by ' + event.reply.author.name);
      } else if (page === 'discussion') {
        showThreadInList(event.thread);
      }
      updateHomeSummary(event.thread, false);
    }
  }

  function renderPresence(people) {
    var list = document.querySelector('[data-presence-list]');
    if (!list) return;
    list.textContent = '';
    for (var i = 0; i < people.length; i += 1) {
      var item = el('li');
      var avatar = el('span', 'avatar', people[i].initials);
      avatar.setAttribute('aria-hidden', 'true');
      item.appendChild(avatar);
      item.appendChild(el('span', '', people[i].name));
      if (people[i].role === 'staff') item.appendChild(el('span', 'staff-badge', '(staff)'));
      list.appendChild(item);
    }
    var empty = document.querySelector('[data-presence-empty]');
    if (empty) empty.hidden = people.length > 1;
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
    if (!main || document.querySelector('.banner')) return;
    var banner = el('p', 'banner', text + ' ');
    var reload = el('a', '', 'Reload');
    reload.href = window.location.href;
    banner.appendChild(reload);
    main.insertBefore(banner, main.firstChild);
  }

  // websocket only: no long-polling, so several Agora processes need no sticky sessions.
  var socket = window.io({ transports: ['websocket'] });
  socket.on('connect', function () {
    joined = false;
    socket.emit('course:join', { courseId: courseId, afterSeq: lastSeq }, function (answer) {
      if (!answer || !answer.ok) {
        setStatus('offline', (answer && answer.error && answer.error.message) || 'Live updates are unavailable.');
        return;
      }
      joined = true;
      setStatus('live', 'Live');
      if (answer.data.resync) showBanner('You were away a while and missed many updates.');
      var pending = answer.data.replayed.concat(buffered).sort(function (a, b) { return a.seq - b.seq; });
      buffered = [];
      pending.forEach(apply);
      renderPresence(answer.data.people);
    });
  });
  socket.on('course:event', function (event) {
    if (joined) apply(event);
    else buffered.push(event);
  });
  socket.on('course:presence', function (message) {
    if (message.courseId === courseId) renderPresence(message.people);
  });
  socket.on('disconnect', function () { setStatus('offline', 'Reconnecting…'); });
  socket.on('connect_error', function (error) {
    setStatus('offline', (error && error.data && error.data.message) || 'Reconnecting…');
  });
})();
