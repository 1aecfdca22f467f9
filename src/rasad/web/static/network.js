// The meeting network: a small force-directed layout drawn as SVG, in plain JavaScript (no library).
// Data comes from the page's JSON twin (the svg's data-src, /api/network with the page's filters).
// Zoom: mouse wheel or the buttons; pan: drag the background; click (or Enter on) an actor to open it.
"use strict";
(function () {
  var svg = document.getElementById("network");
  if (!svg) return;
  var NS = "http://www.w3.org/2000/svg";
  var W = 800, H = 600;
  var view = { x: -W / 2, y: -H / 2, w: W, h: H };

  function setView() { svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" ")); }
  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function hue(text) {
    var h = 0;
    for (var i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) % 360;
    return h;
  }

  function layout(nodes, edges) {
    var n = nodes.length, index = {};
    nodes.forEach(function (d, i) {
      index[d.id] = i;
      var a = 2 * Math.PI * i / Math.max(n, 1), r = 40 + 8 * Math.sqrt(i);  // deterministic start: a spiral
      d.x = r * Math.cos(a); d.y = r * Math.sin(a); d.vx = 0; d.vy = 0;
    });
    var links = edges.filter(function (e) { return e.source in index && e.target in index; })
      .map(function (e) { return { s: nodes[index[e.source]], t: nodes[index[e.target]], w: e.weight || 1 }; });
    var steps = n > 300 ? 120 : 300, k = Math.sqrt((W * H) / Math.max(n, 1)) * 0.6;
    for (var step = 0; step < steps; step++) {
      var heat = 1 - step / steps;
      for (var i = 0; i < n; i++) {
        var a = nodes[i];
        for (var j = i + 1; j < n; j++) {
          var b = nodes[j], dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy + 0.01;
          if (d2 > 9 * k * k) continue;  // repulsion acts only nearby
          var f = (k * k) / d2 * 0.05;
          a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
        }
        a.vx -= a.x * 0.04; a.vy -= a.y * 0.04;  // gravity to the centre keeps separate groups near
      }
      links.forEach(function (l) {
        var dx = l.t.x - l.s.x, dy = l.t.y - l.s.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
        var f = (d - k * 0.8) / d * 0.05 * Math.min(l.w, 4);
        l.s.vx += dx * f; l.s.vy += dy * f; l.t.vx -= dx * f; l.t.vy -= dy * f;
      });
      nodes.forEach(function (d) {
        var v = Math.sqrt(d.vx * d.vx + d.vy * d.vy), cap = 30 * heat + 1;
        if (v > cap) { d.vx *= cap / v; d.vy *= cap / v; }
        d.x += d.vx; d.y += d.vy; d.vx *= 0.5; d.vy *= 0.5;
      });
    }
    return links;
  }

  function fit(nodes) {
    if (!nodes.length) return;
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    nodes.forEach(function (d) { x0 = Math.min(x0, d.x); y0 = Math.min(y0, d.y); x1 = Math.max(x1, d.x); y1 = Math.max(y1, d.y); });
    var pad = 80, w = Math.max(x1 - x0 + 2 * pad, 200), h = Math.max(y1 - y0 + 2 * pad, 150);
    var scale = Math.max(w / W, h / H);
    view = { x: (x0 + x1) / 2 - W * scale / 2, y: (y0 + y1) / 2 - H * scale / 2, w: W * scale, h: H * scale };
    home = { x: view.x, y: view.y, w: view.w, h: view.h };
    setView();
    // keep circles, labels and lines the same size on screen whatever the layout's extent
    svg.querySelectorAll(".node").forEach(function (g) {
      g.setAttribute("transform", "translate(" + g.getAttribute("data-x") + "," + g.getAttribute("data-y") + ") scale(" + scale + ")");
    });
    svg.querySelectorAll(".edge").forEach(function (l) {
      l.setAttribute("stroke-width", Number(l.getAttribute("data-w")) * scale);
    });
  }

  function open(id) { window.location.href = "/actors/" + encodeURIComponent(id); }

  function draw(graph) {
    var nodes = graph.nodes || [], edges = graph.edges || [];
    var links = layout(nodes, edges);
    var gEdges = el("g", { "class": "edges" }, svg), gNodes = el("g", { "class": "nodes" }, svg);
    links.forEach(function (l) {
      var width = Math.min(1 + l.w, 8);
      var line = el("line", { x1: l.s.x, y1: l.s.y, x2: l.t.x, y2: l.t.y, "class": "edge", "stroke-width": width, "data-w": width }, gEdges);
      el("title", {}, line).textContent = (l.s.label || l.s.id) + " – " + (l.t.label || l.t.id) + ": " + l.w + " meeting(s)";
    });
    nodes.forEach(function (d) {
      var g = el("g", { "class": "node", "data-id": d.id, "data-x": d.x, "data-y": d.y, tabindex: "0", role: "link", transform: "translate(" + d.x + "," + d.y + ")" }, gNodes);
      g.setAttribute("aria-label", d.label || d.id);
      el("circle", { r: 6 + 2.5 * Math.sqrt(d.degree || 1), fill: "hsl(" + hue(d.country || d.type || "?") + ",55%,55%)" }, g);
      el("text", { x: 10, y: 4 }, g).textContent = d.label || d.id;
      el("title", {}, g).textContent = (d.label || d.id) + (d.country ? " (" + d.country + ")" : "") + ": " + (d.degree || 0) + " counterpart(s)";
      g.addEventListener("click", function (ev) { if (!dragged) open(d.id); ev.stopPropagation(); });
      g.addEventListener("keydown", function (ev) { if (ev.key === "Enter") open(d.id); });
    });
    fit(nodes);
    svg.setAttribute("data-ready", "true");
  }

  // zoom and pan
  var home = { x: view.x, y: view.y, w: view.w, h: view.h }, drag = null, dragged = false;
  function zoom(factor, cx, cy) {
    if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
    var w = Math.min(Math.max(view.w * factor, 50), 40000), f = w / view.w;
    view = { x: cx - (cx - view.x) * f, y: cy - (cy - view.y) * f, w: w, h: view.h * f };
    setView();
  }
  function point(ev) {
    var r = svg.getBoundingClientRect(), s = Math.max(view.w / r.width, view.h / r.height);
    return { x: view.x + (ev.clientX - r.left) * s - (r.width * s - view.w) / 2, y: view.y + (ev.clientY - r.top) * s - (r.height * s - view.h) / 2, s: s };
  }
  svg.addEventListener("wheel", function (ev) { ev.preventDefault(); var p = point(ev); zoom(ev.deltaY > 0 ? 1.2 : 1 / 1.2, p.x, p.y); }, { passive: false });
  svg.addEventListener("mousedown", function (ev) { drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, s: point(ev).s }; dragged = false; });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) return;
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) dragged = true;
    view.x = drag.vx - dx * drag.s; view.y = drag.vy - dy * drag.s; setView();
  });
  window.addEventListener("mouseup", function () { drag = null; setTimeout(function () { dragged = false; }, 0); });
  var zin = document.getElementById("zoom-in"), zout = document.getElementById("zoom-out"), zreset = document.getElementById("zoom-reset");
  if (zin) zin.addEventListener("click", function () { zoom(1 / 1.3); });
  if (zout) zout.addEventListener("click", function () { zoom(1.3); });
  if (zreset) zreset.addEventListener("click", function () { view = { x: home.x, y: home.y, w: home.w, h: home.h }; setView(); });

  var src = svg.getAttribute("data-src");
  fetch(src, { headers: { Accept: "application/json" } })
    .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then(draw)
    .catch(function (err) {
      svg.setAttribute("data-error", String(err));
      el("text", { x: 0, y: 0, "text-anchor": "middle", "class": "error" }, svg).textContent = "The network could not be loaded: " + err;
    });
})();
