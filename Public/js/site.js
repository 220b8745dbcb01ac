// Progressive enhancement only: every page works without this file.
(function () {
  // Move focus to the error summary so keyboard and screen-reader users hear what went wrong.
  var summary = document.querySelector('.error-summary');
  if (summary) { summary.focus(); }
  // Ask before destructive actions (delete, revoke).
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var message = form.getAttribute('data-confirm');
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });
  // Print a check-in ticket.
  var print = document.querySelector('[data-print]');
  if (print) { print.addEventListener('click', function () { window.print(); }); }
  // Service menu: sort by the visitor's own location, if they allow it.
  var geo = document.querySelector('[data-geo-button]');
  if (geo && navigator.geolocation) {
    geo.hidden = false;
    geo.addEventListener('click', function () {
      navigator.geolocation.getCurrentPosition(function (pos) {
        document.querySelector('[data-geo=lat]').value = pos.coords.latitude.toFixed(5);
        document.querySelector('[data-geo=lng]').value = pos.coords.longitude.toFixed(5);
        geo.form.submit();
      });
    });
  }
  // Check-in page: keep the counts live while staff scan.
  var counts = document.querySelector('[data-counts-url]');
  if (counts && window.fetch) {
    var template = counts.textContent.replace(/\d+/g, '{}');
    setInterval(function () {
      fetch(counts.getAttribute('data-counts-url'), { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (c) {
          if (!c) { return; }
          var values = [c.checkedInPlaces, c.confirmedPlaces, c.capacity];
          counts.textContent = template.replace(/\{\}/g, function () { return values.shift(); });
        });
    }, 5000);
  }
})();
