/**
 * The status page's script, as the browser runs it: it polls the monitor's GET endpoints (paths
 * relative to the page, so the page works behind a proxy's prefix too), draws the dependency graph
 * once per set of services and updates it in place. It builds every node with textContent and
 * setAttribute (no innerHTML, no inline style), which the page's Content-Security-Policy allows.
 */
export const statusPageScript = String.raw`
'use strict';
(() => {
  const POLL_MS = 1000;
  const EVENTS_SHOWN = 20;
  const TOKEN_KEY = 'orchgen-monitor-token';
  const BOX = { width: 230, height: 110, gapX: 80, gapY: 20, pad: 12, head: 26, line: 19 };
  const HEALTH_WORDS = { healthy: 'healthy', unhealthy: 'unhealthy', circuit_open: 'circuit open', unknown: 'not checked yet' };
  const svg = document.getElementById('graph');
  const drawing = document.getElementById('drawing');
  const view = { graphKey: '', nodes: new Map(), edges: [], updatedAt: undefined, timer: undefined };
  let token = sessionStorage.getItem(TOKEN_KEY) || '';

  class Unauthorized extends Error {}

  async function get(path) {
    const response = await fetch(path, { cache: 'no-store', headers: token ? { Authorization: 'Bearer ' + token } : {} });
    if (response.status === 401) throw new Unauthorized('this monitor wants its token');
    if (!response.ok) throw new Error(path + ' answered HTTP ' + response.status);
    return response.json();
  }

  function svgElement(name, attributes, parent) {
    const element = document.createElementNS(svg.namespaceURI, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
    parent.appendChild(element);
    return element;
  }

  function htmlElement(tag, text, className) {
    const element = document.createElement(tag);
    if (text !== undefined) element.textContent = text;
    if (className) element.className = className;
    return element;
  }

  const clip = (text, length) => (text.length > length ? text.slice(0, length - 1) + '\u2026' : text);
  const percent = (value) => value.toFixed(value === 100 || value === 0 ? 0 : 1) + '%';
  const milliseconds = (ms) => (ms < 10 ? ms.toFixed(1) : String(Math.round(ms))) + ' ms';
  const clock = (time) => new Date(time).toLocaleTimeString();

  function duration(seconds) {
    const s = Math.floor(seconds);
    if (s < 60) return s + 's';
    if (s < 3600) return Math.floor(s / 60) + 'm ' + (s % 60) + 's';
    return Math.floor(s / 3600) + 'h ' + Math.floor((s % 3600) / 60) + 'm';
  }

  function positions(waves) {
    const at = new Map();
    waves.forEach((wave, column) =>
      wave.forEach((name, row) => at.set(name, { x: BOX.pad + column * (BOX.width + BOX.gapX), y: BOX.pad + BOX.head + row * (BOX.height + BOX.gapY) })),
    );
    return at;
  }

  function drawGraph(graph, services) {
    drawing.replaceChildren();
    const optional = new Set(services.filter((s) => !s.essential).map((s) => s.name));
    const at = positions(graph.waves);
    graph.waves.forEach((_, column) => drawWaveLabel(column));
    view.edges = graph.edges.map((edge) => drawEdge(edge, at));
    view.nodes = new Map(graph.nodes.map((name) => [name, drawNode(name, at.get(name), optional.has(name))]));
    const columns = graph.waves.length;
    const rows = Math.max(1, ...graph.waves.map((wave) => wave.length));
    const width = 2 * BOX.pad + columns * BOX.width + Math.max(0, columns - 1) * BOX.gapX;
    const height = 2 * BOX.pad + BOX.head + rows * BOX.height + (rows - 1) * BOX.gapY;
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
  }

  function drawWaveLabel(column) {
    const label = svgElement('text', { x: BOX.pad + column * (BOX.width + BOX.gapX), y: BOX.pad + 14, class: 'wave' }, drawing);
    label.textContent = 'wave ' + (column + 1);
  }

  function drawEdge(edge, at) {
    const from = at.get(edge.from);
    const to = at.get(edge.to);
    const [x1, y1, x2, y2] = [from.x + BOX.width, from.y + BOX.height / 2, to.x - 3, to.y + BOX.height / 2];
    const bend = (x1 + x2) / 2;
    const d = 'M' + x1 + ' ' + y1 + ' C' + bend + ' ' + y1 + ' ' + bend + ' ' + y2 + ' ' + x2 + ' ' + y2;
    const path = svgElement('path', { d, class: edge.required ? 'edge' : 'edge optional', 'marker-end': 'url(#arrow)', 'data-from': edge.from, 'data-to': edge.to }, drawing);
    svgElement('title', {}, path).textContent = edge.to + ' waits for ' + edge.from + ' to be ' + edge.condition + (edge.required ? '' : ' (not required)');
    return { from: edge.from, path };
  }

  function drawNode(name, at, optional) {
    const group = svgElement('g', { class: 'service', 'data-service': name, 'data-health': 'unknown', transform: 'translate(' + at.x + ' ' + at.y + ')' }, drawing);
    svgElement('rect', { width: BOX.width, height: BOX.height, rx: 8, class: optional ? 'optional' : '' }, group);
    const title = svgElement('title', {}, group);
    const lines = [0, 1, 2, 3, 4].map((i) => svgElement('text', { x: 12, y: 22 + i * BOX.line, class: 'line' + i }, group));
    lines[0].textContent = clip(name + (optional ? ' (optional)' : ''), 28);
    return { name, group, title, lines };
  }

  function showServices(health) {
    for (const node of view.nodes.values()) {
      const service = health.services[node.name];
      if (service) showService(node, service);
    }
    for (const edge of view.edges) {
      const from = health.services[edge.from];
      edge.path.classList.toggle('broken', from !== undefined && from.health !== 'healthy');
    }
  }

  function showService(node, s) {
    node.group.setAttribute('data-health', s.health);
    node.group.setAttribute('data-breaker', s.circuit_breaker_state);
    const failures = s.consecutive_failures > 0 ? ', ' + s.consecutive_failures + ' failed in a row' : '';
    node.lines[1].textContent = HEALTH_WORDS[s.health] + failures;
    node.lines[2].textContent = 'breaker ' + s.circuit_breaker_state.replace('_', '-') + ' \u00b7 uptime ' + percent(s.uptime_percentage);
    node.lines[3].textContent = s.response_time_ms === null ? 'no response yet' : 'last response ' + milliseconds(s.response_time_ms);
    node.lines[4].textContent = s.error_message ? clip(s.error_message, 32) : '';
    const checked = s.last_check ? 'last check ' + clock(s.last_check) + ' (' + s.successful_checks + ' of ' + s.total_checks + ' passed)' : 'not checked yet';
    node.title.textContent = [node.name, checked, s.error_message].filter(Boolean).join('\n');
  }

  function showStack(status) {
    const overall = document.getElementById('overall');
    overall.setAttribute('data-health', status.overall_health);
    overall.textContent = status.overall_health;
    document.title = status.overall_health + ' \u2014 orchgen monitor';
    document.getElementById('stack').textContent = [
      'target ' + status.target,
      status.healthy + ' of ' + status.managed + ' healthy',
      status.unhealthy + ' unhealthy',
      'score ' + Math.round(status.health_score),
      status.essential_services_healthy ? 'essential services healthy' : 'an essential service is not healthy',
      'monitor up ' + duration(status.uptime_seconds),
    ].join(' \u00b7 ');
  }

  function showEvents(events) {
    document.getElementById('event-rows').replaceChildren(...events.slice(-EVENTS_SHOWN).reverse().map(eventRow));
    document.getElementById('no-events').hidden = events.length > 0;
  }

  function eventRow(event) {
    const row = htmlElement('tr');
    row.setAttribute('data-event', event.id);
    const outcome = htmlElement('td', event.outcome, 'outcome');
    outcome.setAttribute('data-outcome', event.outcome);
    row.append(htmlElement('td', clock(event.started_at)), htmlElement('td', event.service, 'event-service'), outcome, htmlElement('td', event.reason), stepsCell(event.steps));
    return row;
  }

  function stepsCell(steps) {
    const cell = htmlElement('td', undefined, 'steps');
    for (const step of steps) {
      const item = htmlElement('span', step.action + ' ' + step.service, step.ok ? 'step ok' : 'step failed');
      item.title = (step.detail ? step.detail + ' ' : '') + '(' + milliseconds(step.duration_ms) + ')';
      cell.append(item);
    }
    return cell;
  }

  function showConnection(error) {
    document.body.classList.toggle('stale', error !== undefined);
    document.getElementById('token-form').hidden = !(error instanceof Unauthorized);
    if (error === undefined) view.updatedAt = new Date();
    const why = error instanceof TypeError ? 'the monitor does not answer' : error && error.message;
    const since = view.updatedAt ? clock(view.updatedAt) : 'the page opened';
    document.getElementById('connection').textContent = error === undefined ? 'updated ' + since : 'not updated since ' + since + ': ' + why;
  }

  function schedule(ms) {
    clearTimeout(view.timer);
    view.timer = setTimeout(poll, ms);
  }

  async function poll() {
    try {
      const [status, health, services, events] = await Promise.all(['api/v1/status', 'health/status', 'api/v1/services', 'api/v1/events'].map(get));
      const key = JSON.stringify(services.map((s) => s.name));
      if (key !== view.graphKey) {
        drawGraph(await get('api/v1/dependencies'), services);
        view.graphKey = key;
      }
      showStack(status);
      showServices(health);
      showEvents(events);
      showConnection(undefined);
    } catch (error) {
      showConnection(error);
    }
    schedule(POLL_MS);
  }

  document.getElementById('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    token = document.getElementById('token').value.trim();
    sessionStorage.setItem(TOKEN_KEY, token);
    schedule(0);
  });

  poll();
})();
`;
