/* The map page: countries from the packaged world atlas on a sea-coloured background, incidents as
   circles coloured by ACLED event type (colours read from the legend, which names each type), sized by
   deaths, clustered where dense. Popups are built from DOM nodes with textContent: no data becomes HTML. */
(function () {
  'use strict';

  var box = document.getElementById('map');
  var status = document.getElementById('map-status');
  if (!box) { return; }

  function say(text, problem) {
    if (!status) { return; }
    status.textContent = text;
    status.classList.toggle('flag', Boolean(problem));
  }

  if (typeof window.L === 'undefined' || typeof window.topojson === 'undefined' ||
      typeof window.L.markerClusterGroup !== 'function') {
    var note = document.createElement('p');
    note.className = 'notice notice-error';
    note.setAttribute('role', 'alert');
    note.textContent = 'The map cannot be drawn: its scripts did not load. The list shows the same incidents.';
    box.parentNode.insertBefore(note, box);
    box.hidden = true;
    say('');
    return;
  }

  var L = window.L;
  var css = window.getComputedStyle(document.documentElement);
  function cssColour(name, fallback) { return (css.getPropertyValue(name) || '').trim() || fallback; }

  // One colour per event type, defined once in app.css and shown with its name in the legend.
  var colours = {};
  var otherColour = cssColour('--type-other', '#777');
  Array.prototype.forEach.call(document.querySelectorAll('.legend [data-event-type]'), function (swatch) {
    var type = swatch.getAttribute('data-event-type');
    var colour = window.getComputedStyle(swatch).backgroundColor;
    if (type) { colours[type] = colour; } else { otherColour = colour; }
  });

  var map = L.map(box, { worldCopyJump: true, minZoom: 1, maxZoom: 13, zoomSnap: 0.5 });
  map.setView([20, 15], 2);
  map.attributionControl.addAttribution('Borders: Natural Earth, via world-atlas');
  map.createPane('land');
  map.createPane('seas');

  function zoomClass() { box.classList.toggle('zoomed-out', map.getZoom() < 3); }
  map.on('zoomend', zoomClass);
  zoomClass();

  // A few seas and oceans, named so that the blue reads as water.
  var SEAS = [
    [32, -42, 'North Atlantic Ocean', 1], [-22, -16, 'South Atlantic Ocean', 1], [-22, 78, 'Indian Ocean', 1],
    [22, -150, 'Pacific Ocean', 1], [-28, -118, 'Pacific Ocean', 1], [-62, 20, 'Southern Ocean', 1],
    [34.5, 18, 'Mediterranean Sea', 0], [20.5, 38.3, 'Red Sea', 0], [15, 63, 'Arabian Sea', 0],
    [43.4, 34.5, 'Black Sea', 0], [15, -74, 'Caribbean Sea', 0], [13, 114, 'South China Sea', 0],
    [25, -90, 'Gulf of Mexico', 0], [26.8, 51.5, 'Persian Gulf', 0], [42, 50.5, 'Caspian Sea', 0],
    [13, 88, 'Bay of Bengal', 0], [56, 3, 'North Sea', 0], [12.5, 48, 'Gulf of Aden', 0]
  ];
  SEAS.forEach(function (sea) {
    var label = document.createElement('span');
    label.textContent = sea[2];
    L.marker([sea[0], sea[1]], {
      icon: L.divIcon({ className: 'sea-label' + (sea[3] ? ' sea-ocean' : ' sea-minor'), html: label, iconSize: null }),
      interactive: false, keyboard: false, pane: 'seas'
    }).addTo(map);
  });

  function get(url) {
    return window.fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) {
          var why = response.status === 401 ? 'log in to see this ledger' : 'the server answered ' + response.status;
          throw new Error(why);
        }
        return response.json();
      });
  }

  get(box.getAttribute('data-countries')).then(function (world) {
    var land = window.topojson.feature(world, world.objects.countries);
    L.geoJSON(land, {
      pane: 'land', interactive: false,
      style: { color: cssColour('--border-land', '#999'), weight: 0.6, fillColor: cssColour('--land', '#eee'), fillOpacity: 1 }
    }).addTo(map);
  }).catch(function (error) {
    say('The countries could not be drawn (' + error.message + '); the incidents still are.', true);
  });

  function line(parent, label, value) {
    var p = document.createElement('p');
    var name = document.createElement('strong');
    name.textContent = label + ': ';
    p.appendChild(name);
    p.appendChild(document.createTextNode(value === null || value === undefined || value === '' ? 'unknown' : String(value)));
    parent.appendChild(p);
  }

  function popup(p) {
    var root = document.createElement('div');
    root.className = 'map-popup';
    var title = document.createElement('p');
    var link = document.createElement('a');
    link.href = '/incidents/' + encodeURIComponent(String(p.id));
    link.textContent = (p.sub_event_type || 'Incident') + ' (open the incident)';
    title.appendChild(link);
    root.appendChild(title);
    line(root, 'Event type', p.event_type);
    line(root, 'Date', p.date);
    line(root, 'Place', p.location ? p.location + (p.country_code ? ', ' + p.country_code : '') : null);
    line(root, 'Deaths (conservative)', p.deaths);
    line(root, 'Grade', p.grade);
    line(root, 'Reports', p.reports);
    return root;
  }

  function radius(deaths) {
    return Math.min(26, 5 + 2.5 * Math.sqrt(Math.max(0, Number(deaths) || 0)));
  }

  say('Loading the incidents…');
  get(box.getAttribute('data-points')).then(function (data) {
    var features = (data && data.features) || [];
    var cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false, spiderfyOnMaxZoom: true });
    features.forEach(function (feature) {
      var where = feature.geometry && feature.geometry.coordinates;
      if (!where || typeof where[0] !== 'number' || typeof where[1] !== 'number') { return; }
      var p = feature.properties || {};
      var marker = L.circleMarker([where[1], where[0]], {
        radius: radius(p.deaths), color: '#1b1b1b', weight: 1,
        fillColor: colours[p.event_type] || otherColour, fillOpacity: 0.85
      });
      marker.bindPopup(function () { return popup(p); });
      cluster.addLayer(marker);
    });
    map.addLayer(cluster);
    if (features.length) {
      map.fitBounds(cluster.getBounds(), { padding: [24, 24], maxZoom: 7 });
      say(features.length + (features.length === 1 ? ' incident' : ' incidents') +
          ' on the map. Incidents with no known place are in the list only.');
    } else {
      say('No incident with a known place matches these filters.');
    }
  }).catch(function (error) {
    say('The incidents could not be loaded: ' + error.message + '.', true);
  });
}());
