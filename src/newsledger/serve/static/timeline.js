/* The timeline page: choose a first bar and a last bar (or drag from one to the other) to list the incidents
   of those days. Without this script every bar is still a link to its own days' list. */
(function () {
  'use strict';

  var root = document.querySelector('.timeline');
  if (!root) { return; }
  var status = document.getElementById('timeline-status');
  var base = root.getAttribute('data-list') || '/';
  var first = null;
  var dragFrom = null;

  function say(text) { if (status) { status.textContent = text; } }
  function bars() { return root.querySelectorAll('.bar-link'); }
  function barOf(node) { return node && node.closest ? node.closest('.bar-link') : null; }
  function info(bar) { return { start: bar.getAttribute('data-start'), end: bar.getAttribute('data-end') }; }

  function range(a, b) {
    return { since: a.start < b.start ? a.start : b.start, until: a.end > b.end ? a.end : b.end };
  }

  function mark(a, b) {
    var chosen = b ? range(a, b) : null;
    Array.prototype.forEach.call(bars(), function (bar) {
      var start = bar.getAttribute('data-start');
      bar.classList.toggle('is-start', Boolean(a) && !b && start === a.start);
      bar.classList.toggle('is-selected', Boolean(chosen) && start >= chosen.since && start <= chosen.until);
    });
  }

  function reset() {
    first = null;
    dragFrom = null;
    mark(null, null);
    say('');
  }

  function go(a, b) {
    var chosen = range(a, b);
    var url = new URL(base, window.location.href);
    url.searchParams.set('since', chosen.since);
    url.searchParams.set('until', chosen.until);
    say('Listing the incidents from ' + chosen.since + ' to ' + chosen.until + '…');
    window.location.assign(url.pathname + url.search);
  }

  root.addEventListener('click', function (event) {
    var bar = barOf(event.target);
    if (!bar) { return; }
    event.preventDefault();
    var here = info(bar);
    if (!first) {
      first = here;
      mark(first, null);
      say('First bar: ' + here.start + '. Now choose the last bar of the range (the same bar again for it alone); Escape starts again.');
      return;
    }
    go(first, here);
  });

  root.addEventListener('dragstart', function (event) { if (barOf(event.target)) { event.preventDefault(); } });

  root.addEventListener('pointerdown', function (event) {
    var bar = barOf(event.target);
    if (bar && event.isPrimary && event.button === 0) { dragFrom = info(bar); }
  });

  root.addEventListener('pointermove', function (event) {
    if (!dragFrom) { return; }
    var bar = barOf(document.elementFromPoint(event.clientX, event.clientY));
    if (bar && bar.getAttribute('data-start') !== dragFrom.start) { mark(dragFrom, info(bar)); }
  });

  document.addEventListener('pointerup', function (event) {
    if (!dragFrom) { return; }
    var from = dragFrom;
    dragFrom = null;
    var bar = barOf(document.elementFromPoint(event.clientX, event.clientY));
    if (bar && bar.getAttribute('data-start') !== from.start) {
      // A drag across bars: list that range (the click that may follow is ignored by the navigation).
      go(from, info(bar));
    } else if (!first) {
      mark(null, null);
    }
  });

  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && (first || dragFrom)) { reset(); }
  });
}());
