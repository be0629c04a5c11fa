// Draws the who-met-whom network and the events timeline as SVG, and filters the
// quotes table. Plain DOM only: every text from the data goes in through
// textContent or setAttribute, never innerHTML, so data cannot become markup.
// When it has run, <body> carries data-rendered="network:N;timeline:M" and any
// error in data-js-errors: the browser test reads both.
(function () {
  'use strict';
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var errors = [];

  function recordError(message) {
    errors.push(String(message));
    document.body.setAttribute('data-js-errors', errors.join(' | '));
  }
  window.addEventListener('error', function (e) { recordError(e.message); });
  var consoleError = console.error;
  console.error = function () {
    recordError(Array.prototype.join.call(arguments, ' '));
    consoleError.apply(console, arguments);
  };

  function svgEl(name, attrs, parent, text) {
    var node = document.createElementNS(SVG_NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function note(svg, width, height, text) {
    svgEl('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', 'class': 'empty-note' }, svg, text);
  }

  // Country colours: distinct hues for the ten countries with most actors
  // (ties by code, so the same data gets the same colours), grey for the rest
  // and for actors with no country.
  var PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d',
    '#9333ea', '#ea580c'];
  var OTHER = '#9ca3af';

  function countryColours(nodes) {
    var counts = {};
    nodes.forEach(function (n) { if (n.country) { counts[n.country] = (counts[n.country] || 0) + 1; } });
    var colours = {};
    Object.keys(counts).sort(function (a, b) {
      return counts[b] - counts[a] || (a < b ? -1 : 1);
    }).slice(0, PALETTE.length).forEach(function (c, i) { colours[c] = PALETTE[i]; });
    return colours;
  }

  // Fruchterman-Reingold from a circle: deterministic (no randomness), so the
  // same data always gives the same picture. Positions come back in a unit box.
  function layout(n, edges) {
    if (n === 2) {
      // a pair on the diagonal: each label runs right, clear of the other node
      return [{ x: 0, y: 0 }, { x: 1, y: 1 }];
    }
    var pos = [];
    for (var p = 0; p < n; p++) {
      var a = 2 * Math.PI * p / n;
      pos.push({ x: Math.cos(a), y: Math.sin(a) });
    }
    var k = 1 / Math.sqrt(n);
    var iterations = 300;
    for (var it = 0; it < iterations; it++) {
      var temp = 0.1 * (1 - it / iterations) + 0.002;
      var disp = pos.map(function () { return { x: 0, y: 0 }; });
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
          var d = Math.max(Math.sqrt(dx * dx + dy * dy), 0.001);
          var f = k * k / d;
          disp[i].x += dx / d * f; disp[i].y += dy / d * f;
          disp[j].x -= dx / d * f; disp[j].y -= dy / d * f;
        }
      }
      edges.forEach(function (e) {
        var dx = pos[e.s].x - pos[e.t].x, dy = pos[e.s].y - pos[e.t].y;
        var d = Math.max(Math.sqrt(dx * dx + dy * dy), 0.001);
        var f = d * d / k;
        disp[e.s].x -= dx / d * f; disp[e.s].y -= dy / d * f;
        disp[e.t].x += dx / d * f; disp[e.t].y += dy / d * f;
      });
      for (var m = 0; m < n; m++) {
        var len = Math.max(Math.sqrt(disp[m].x * disp[m].x + disp[m].y * disp[m].y), 0.001);
        pos[m].x += disp[m].x / len * Math.min(len, temp);
        pos[m].y += disp[m].y / len * Math.min(len, temp);
      }
    }
    return pos;
  }

  // Scale positions into a box, leaving room on the right for labels.
  function fit(pos, box) {
    var xs = pos.map(function (p) { return p.x; }), ys = pos.map(function (p) { return p.y; });
    var minX = Math.min.apply(null, xs), maxX = Math.max.apply(null, xs);
    var minY = Math.min.apply(null, ys), maxY = Math.max.apply(null, ys);
    var left = box.x + 24, right = box.x + box.w - Math.min(170, box.w * 0.45);
    var top = box.y + 24, bottom = box.y + box.h - 24;
    return pos.map(function (p) {
      return {
        x: maxX > minX ? left + (p.x - minX) / (maxX - minX) * (right - left) : (left + right) / 2,
        y: maxY > minY ? top + (p.y - minY) / (maxY - minY) * (bottom - top) : (top + bottom) / 2
      };
    });
  }

  // Connected groups of actors, largest first (ties: first listed first).
  function components(n, edges) {
    var parent = [];
    for (var i = 0; i < n; i++) { parent.push(i); }
    function find(x) { while (parent[x] !== x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; }
    edges.forEach(function (e) { parent[find(e.s)] = find(e.t); });
    var groups = {};
    for (var j = 0; j < n; j++) { (groups[find(j)] = groups[find(j)] || []).push(j); }
    return Object.keys(groups).map(function (r) { return groups[r]; }).sort(function (a, b) {
      return b.length - a.length || a[0] - b[0];
    });
  }

  // One box per group: a big group gets a wide band of its own, the small
  // ones (pairs, mostly) share a grid below it, so no group is squeezed.
  // a crowded group gets PX_PER_NODE of height per actor, so labels have room
  var WIDTH = 960, BIG_GROUP = 5, BIG_H = 380, PX_PER_NODE = 18, CELL_H = 140, GRID_COLS = 3;

  function boxes(groups) {
    var out = [], y = 0, rest = groups;
    var bigH = Math.max(BIG_H, groups[0].length * PX_PER_NODE);
    if (groups.length === 1) {
      return [{ x: 0, y: 0, w: WIDTH, h: groups[0].length >= BIG_GROUP ? bigH : 260 }];
    }
    if (groups[0].length >= BIG_GROUP) {
      out.push({ x: 0, y: 0, w: WIDTH, h: bigH });
      y = bigH;
      rest = groups.slice(1);
    }
    var cols = Math.min(GRID_COLS, rest.length);
    rest.forEach(function (_, i) {
      out.push({ x: (i % cols) * WIDTH / cols, y: y + Math.floor(i / cols) * CELL_H, w: WIDTH / cols, h: CELL_H });
    });
    return out;
  }

  // Labels run right of their node into the box's margin: cut to what fits
  // there (about 7 px a character at 12 px), the full name stays in the tooltip.
  function label(name, roomPx) {
    var max = Math.max(8, Math.floor(roomPx / 7));
    return name.length > max ? name.slice(0, max - 1) + '…' : name;
  }

  function drawNetwork(svg, net) {
    if (!net.nodes.length) {
      note(svg, WIDTH, 200, 'No meetings or calls between known actors.');
      svg.setAttribute('viewBox', '0 0 ' + WIDTH + ' 200');
      return 0;
    }
    var index = {};
    net.nodes.forEach(function (n, i) { index[n.id] = i; });
    var edges = net.edges.filter(function (e) {
      return index[e.source] !== undefined && index[e.target] !== undefined;
    }).map(function (e) {
      return { s: index[e.source], t: index[e.target], weight: Math.max(1, e.weight), raw: e };
    });
    var groups = components(net.nodes.length, edges);
    var cells = boxes(groups);
    var pos = [];
    groups.forEach(function (group, g) {
      var local = {};
      group.forEach(function (node, i) { local[node] = i; });
      var inner = edges.filter(function (e) { return local[e.s] !== undefined; }).map(function (e) {
        return { s: local[e.s], t: local[e.t] };
      });
      fit(layout(group.length, inner), cells[g]).forEach(function (p, i) {
        p.room = cells[g].x + cells[g].w - p.x;
        pos[group[i]] = p;
      });
    });
    var height = Math.max.apply(null, cells.map(function (c) { return c.y + c.h; }));
    svg.setAttribute('viewBox', '0 0 ' + WIDTH + ' ' + height);
    var colours = countryColours(net.nodes);
    var edgeLayer = svgEl('g', { 'class': 'edges' }, svg);
    edges.forEach(function (e) {
      var a = net.nodes[e.s], b = net.nodes[e.t];
      var line = svgEl('line', {
        x1: pos[e.s].x.toFixed(1), y1: pos[e.s].y.toFixed(1), x2: pos[e.t].x.toFixed(1), y2: pos[e.t].y.toFixed(1),
        stroke: '#94a3b8', 'stroke-opacity': 0.8, 'stroke-width': Math.min(1.5 + 2 * Math.log2(e.weight), 9).toFixed(1)
      }, edgeLayer);
      svgEl('title', {}, line, a.name + ' — ' + b.name + ': ' + e.raw.meetings + ' meeting(s), ' +
        e.raw.calls + ' call(s)');
    });
    var nodeLayer = svgEl('g', { 'class': 'nodes' }, svg);
    net.nodes.forEach(function (n, i) {
      var r = Math.min(7 + 2 * Math.sqrt(n.mentions || 1), 22);
      var g = svgEl('g', { 'class': 'node' }, nodeLayer);
      svgEl('circle', {
        cx: pos[i].x.toFixed(1), cy: pos[i].y.toFixed(1), r: r.toFixed(1),
        fill: colours[n.country] || OTHER, stroke: '#fff', 'stroke-width': 2,
        'data-kind': n.kind
      }, g);
      svgEl('text', { x: (pos[i].x + r + 4).toFixed(1), y: (pos[i].y + 4).toFixed(1), 'class': 'node-label' }, g,
        label(n.name, pos[i].room - r - 8));
      svgEl('title', {}, g, n.name + ' (' + n.kind + (n.country ? ', ' + n.country : '') + '): ' +
        n.mentions + ' mention(s) in ' + n.articles + ' article(s)');
    });
    var legend = document.getElementById('network-legend');
    if (legend) {
      var keys = Object.keys(colours).sort();
      var others = net.nodes.some(function (n) { return !colours[n.country]; });
      keys.concat(others ? [''] : []).forEach(function (c) {
        var sw = document.createElement('span');
        sw.className = 'swatch';
        sw.style.background = c ? colours[c] : OTHER;
        legend.appendChild(sw);
        legend.appendChild(document.createTextNode(c || 'other or none'));
      });
    }
    return net.nodes.length;
  }

  var TYPE_ORDER = ['meeting', 'visit', 'call', 'agreement'];
  var TYPE_COLOURS = { meeting: '#2563eb', visit: '#16a34a', call: '#d97706', agreement: '#7c3aed' };
  var DAY = 86400000;
  var TICK_STEPS = [1, 2, 7, 14, 30.44, 91.3, 182.6, 365.25, 730.5, 1826.25, 3652.5];

  function parseDay(text) {
    var p = String(text).split('-');
    return Date.UTC(+p[0], +p[1] - 1, +p[2]);
  }

  function dayLabel(t, long) {
    var iso = new Date(t).toISOString();
    return long ? iso.slice(0, 7) : iso.slice(0, 10);
  }

  function drawTimeline(svg, tl) {
    var width = 960, left = 110, right = 30, top = 16, laneH = 46;
    var events = tl.events.filter(function (e) { return /^\d{4}-\d{2}-\d{2}$/.test(e.date); });
    var types = TYPE_ORDER.slice();
    events.forEach(function (e) { if (types.indexOf(e.type) < 0) { types.push(e.type); } });
    types = types.filter(function (t) { return events.some(function (e) { return e.type === t; }); });
    var height = top + Math.max(types.length, 1) * laneH + 46;
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    if (!events.length) {
      note(svg, width, height, tl.undated ? 'No dated events (' + tl.undated + ' undated).' : 'No events.');
      return 0;
    }
    var times = events.map(function (e) { return parseDay(e.date); });
    var lo = Math.min.apply(null, times), hi = Math.max.apply(null, times);
    if (hi === lo) { lo -= 3 * DAY; hi += 3 * DAY; } else { var pad = (hi - lo) * 0.04; lo -= pad; hi += pad; }
    var x = function (t) { return left + (t - lo) / (hi - lo) * (width - left - right); };
    var axisY = top + types.length * laneH;
    types.forEach(function (t, i) {
      var y = top + i * laneH;
      svgEl('rect', { x: left, y: y, width: width - left - right, height: laneH, fill: i % 2 ? '#fbfbfc' : '#f3f5f8' }, svg);
      svgEl('text', { x: left - 10, y: y + laneH / 2 + 4, 'text-anchor': 'end', 'class': 'lane-label' }, svg, t);
    });
    var spanDays = (hi - lo) / DAY;
    var step = TICK_STEPS.filter(function (s) { return spanDays / s <= 8; })[0] || TICK_STEPS[TICK_STEPS.length - 1];
    var long = step >= 30;
    for (var t = Math.ceil(lo / (step * DAY)) * step * DAY; t <= hi; t += step * DAY) {
      var tx = x(t);
      svgEl('line', { x1: tx, y1: top, x2: tx, y2: axisY, 'class': 'grid' }, svg);
      svgEl('line', { x1: tx, y1: axisY, x2: tx, y2: axisY + 5, 'class': 'axis' }, svg);
      svgEl('text', { x: tx, y: axisY + 18, 'text-anchor': 'middle', 'class': 'tick-label' }, svg, dayLabel(t, long));
    }
    svgEl('line', { x1: left, y1: axisY, x2: width - right, y2: axisY, 'class': 'axis' }, svg);
    var stacked = {};
    var OFFSETS = [0, -12, 12, -6, 6, -18, 18];
    events.forEach(function (e, i) {
      var key = e.type + '|' + e.date;
      var k = stacked[key] = (stacked[key] || 0) + 1;
      var lane = types.indexOf(e.type);
      var cx = x(times[i]) + Math.floor((k - 1) / OFFSETS.length) * 5;
      var cy = top + lane * laneH + laneH / 2 + OFFSETS[(k - 1) % OFFSETS.length];
      var colour = TYPE_COLOURS[e.type] || '#6b7280';
      var g = svgEl('g', { 'class': 'event status-' + e.status }, svg);
      if (e.status === 'denied') {
        svgEl('circle', { cx: cx, cy: cy, r: 6, fill: '#fff', stroke: '#9ca3af', 'stroke-width': 2 }, g);
        svgEl('path', { d: 'M' + (cx - 4) + ' ' + (cy - 4) + 'L' + (cx + 4) + ' ' + (cy + 4) + 'M' + (cx + 4) + ' ' +
          (cy - 4) + 'L' + (cx - 4) + ' ' + (cy + 4), stroke: '#6b7280', 'stroke-width': 2 }, g);
      } else {
        svgEl('circle', {
          cx: cx, cy: cy, r: 6, fill: e.status === 'planned' ? '#fff' : colour, stroke: colour, 'stroke-width': 2
        }, g);
      }
      svgEl('title', {}, g, e.date + ' · ' + e.type + ' (' + e.status + ')' + (e.actors ? ': ' + e.actors : '') +
        (e.location ? ' · ' + e.location : '') + (e.trigger ? ' · “' + e.trigger + '”' : ''));
    });
    if (tl.undated) {
      svgEl('text', { x: width - right, y: height - 6, 'text-anchor': 'end', 'class': 'tick-label' }, svg,
        tl.undated + ' undated event(s) not drawn');
    }
    return events.length;
  }

  function wireSearch() {
    var input = document.getElementById('quote-search');
    var table = document.getElementById('quotes-table');
    var count = document.getElementById('quote-count');
    if (!input || !table) { return; }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var haystacks = rows.map(function (r) { return r.textContent.toLowerCase(); });
    var original = count ? count.textContent : '';
    input.addEventListener('input', function () {
      var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (r, i) {
        var hit = terms.every(function (t) { return haystacks[i].indexOf(t) >= 0; });
        r.classList.toggle('hidden', !hit);
        if (hit) { shown++; }
      });
      if (count) { count.textContent = terms.length ? shown + ' of ' + rows.length + ' match' : original; }
    });
  }

  function guarded(name, fn) {
    try {
      return fn();
    } catch (err) {
      recordError(name + ': ' + (err && err.stack ? err.stack : err));
      return -1;
    }
  }

  var data = JSON.parse(document.getElementById('report-data').textContent);
  var nNodes = guarded('network', function () {
    return drawNetwork(document.getElementById('network-svg'), data.network);
  });
  var nEvents = guarded('timeline', function () {
    return drawTimeline(document.getElementById('timeline-svg'), data.timeline);
  });
  guarded('search', wireSearch);
  document.body.setAttribute('data-rendered', 'network:' + nNodes + ';timeline:' + nEvents);
}());
