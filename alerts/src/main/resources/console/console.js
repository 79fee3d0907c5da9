// The regulator console: plain JS over the JSON API (/api/...) and its live feed (Server-Sent Events).
'use strict';

const $ = (selector) => document.querySelector(selector);
let me = null;
let feed = null;
const charts = {};

function show(id) {
  for (const section of ['login', 'filters', 'feed-view', 'detail-view', 'charts-view']) {
    document.getElementById(section).hidden = !id.includes(section);
  }
}

function esc(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
}

async function api(path, options) {
  const response = await fetch(path, Object.assign({credentials: 'same-origin'}, options));
  if (response.status === 401) {
    signedOut();
    throw new Error('signed out');
  }
  return response;
}

function filterQuery() {
  const params = new URLSearchParams();
  document.querySelectorAll('[data-filter]').forEach((input) => {
    if (input.value) params.set(input.dataset.filter, input.value);
  });
  return params.toString();
}

function signedOut() {
  me = null;
  if (feed) { feed.close(); feed = null; }
  $('#who').hidden = true;
  show(['login']);
}

async function start() {
  const response = await fetch('/api/me', {credentials: 'same-origin'});
  if (response.status !== 200) { signedOut(); return; }
  signedIn(await response.json());
}

function signedIn(account) {
  me = account;
  $('#who').hidden = false;
  $('#scope').textContent = `${account.regionName} (${account.region}) · ${account.department} · ${account.user}`;
  fillOptions('#f-rule', ['REST_BREAK', 'DAILY_HOURS', ...account.rules]);
  fillOptions('#f-platform', account.platforms);
  route();
}

function fillOptions(selector, values) {
  const select = $(selector);
  select.querySelectorAll('option:not([value=""])').forEach((o) => o.remove());
  for (const value of [...new Set(values)]) {
    const option = document.createElement('option');
    option.textContent = value;
    select.appendChild(option);
  }
}

function navigate(path) {
  history.pushState({}, '', path);
  route();
}

function route() {
  if (!me) return;
  const path = location.pathname;
  if (path.startsWith('/alerts/')) {
    closeFeed();
    showDetail(decodeURIComponent(path.substring('/alerts/'.length)));
  } else if (path === '/charts') {
    closeFeed();
    showCharts();
  } else {
    showFeed();
  }
}

function closeFeed() {
  if (feed) { feed.close(); feed = null; }
}

// ---- the live feed: the list as it is, then every new version as it comes
async function showFeed() {
  show(['filters', 'feed-view']);
  closeFeed();
  $('#feed tbody').innerHTML = '';
  const query = filterQuery();
  feed = new EventSource('/api/feed' + (query ? '?' + query : ''));
  feed.addEventListener('open', () => { $('#feed-state').textContent = '● live'; });
  feed.addEventListener('error', () => { $('#feed-state').textContent = '○ reconnecting'; });
  feed.addEventListener('alert', (event) => upsert(JSON.parse(event.data)));
  const response = await api('/api/alerts' + (query ? '?' + query : ''));
  const body = await response.json();
  // the list as it was, below what the feed already brought (a row the feed brought is at least as new)
  for (const alert of body.alerts) {
    if (!rowOf(alert.alertId)) $('#feed tbody').appendChild(row(alert, false));
  }
  count();
}

function rowOf(alertId) {
  return $('#feed tbody').querySelector(`tr[data-alert-id="${CSS.escape(alertId)}"]`);
}

function count() {
  $('#feed-count').textContent = `${$('#feed tbody').children.length} alerts`;
}

/** A new version from the feed: replaces the alert's row, at the top. */
function upsert(alert) {
  const existing = rowOf(alert.alertId);
  if (existing) existing.remove();
  $('#feed tbody').insertBefore(row(alert, true), $('#feed tbody').firstChild);
  count();
}

function row(alert, fresh) {
  const row = document.createElement('tr');
  row.className = 'alert' + (fresh ? ' fresh' : '');
  row.dataset.alertId = alert.alertId;
  row.innerHTML = `<td>${esc(alert.detectedLocal)}</td>
    <td><span class="sev sev-${esc(alert.severity)}">${esc(alert.severity)}</span></td>
    <td>${esc(alert.ruleId)}</td><td class="status-${esc(alert.status)}">${esc(alert.status)}</td>
    <td>${esc(alert.regionName)}</td><td>${esc(alert.platforms.join(', '))}</td>
    <td>${esc(alert.workerKey ?? '–')}</td><td>${esc(alert.evidence)}</td>`;
  row.addEventListener('click', () => navigate('/alerts/' + encodeURIComponent(alert.alertId)));
  return row;
}

// ---- one alert
async function showDetail(alertId) {
  show(['detail-view']);
  const detail = $('#detail');
  const error = $('#detail-error');
  detail.innerHTML = '';
  error.hidden = true;
  const response = await api('/api/alerts/' + encodeURIComponent(alertId));
  if (response.status !== 200) {
    error.textContent = 'No such alert for your region and department.';
    error.hidden = false;
    return;
  }
  const a = await response.json();
  detail.innerHTML = `
    <h2 id="detail-title">${esc(a.ruleId)} <span class="sev sev-${esc(a.severity)}">${esc(a.severity)}</span>
      <span class="status-${esc(a.status)}">${esc(a.status)}</span></h2>
    <p class="evidence" id="evidence">${esc(a.evidence)}</p>
    <h3>The worker's day, ${esc(a.timeline.day)} (${esc(a.timeline.zone)})</h3>
    ${timeline(a.timeline)}
    <dl>
      <dt>Alert</dt><dd>${esc(a.alertId)}</dd>
      <dt>Worker</dt><dd>${esc(a.workerKey ?? '–')} (${esc(a.scope)})</dd>
      <dt>Platforms</dt><dd>${esc(a.platforms.join(', '))} (${esc(a.industries.join(', '))})</dd>
      <dt>City</dt><dd>${esc(a.regionName)} (${esc(a.region)})</dd>
      <dt>Window</dt><dd>${esc(a.localWindow)}</dd>
      <dt>Rule data</dt><dd>${esc(a.ruleDataVersion)}</dd>
      <dt>Evidence events</dt><dd>${esc(a.evidenceEventIds.join(', '))}</dd>
    </dl>
    <h3>History</h3>
    <table id="history"><thead><tr><th>Status</th><th>Detected</th><th>Evidence</th></tr></thead><tbody>
      ${a.history.map((h) => `<tr><td class="status-${esc(h.status)}">${esc(h.status)}</td><td>${esc(h.detectedLocal)}</td><td>${esc(h.evidence)}</td></tr>`).join('')}
    </tbody></table>`;
}

/** The day as a bar: hours along the bottom, working intervals in blue, the violation's window outlined in red. */
function timeline(t) {
  const end = Math.max(24 * 60, ...t.intervals.map((i) => i[1]), t.window[1]);
  const width = 960, height = 90, left = 24, bar = 30, top = 20;
  const x = (minute) => left + (minute / end) * (width - 2 * left);
  let svg = `<svg class="timeline" id="timeline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="timeline of the worker's day">`;
  svg += `<rect x="${x(0)}" y="${top}" width="${x(end) - x(0)}" height="${bar}" fill="#e3e6eb"/>`;
  for (const [from, to] of t.intervals) {
    svg += `<rect class="interval" x="${x(from)}" y="${top}" width="${Math.max(1, x(to) - x(from))}" height="${bar}" fill="#2f6fb3"/>`;
  }
  svg += `<rect x="${x(t.window[0])}" y="${top - 4}" width="${Math.max(1, x(t.window[1]) - x(t.window[0]))}" height="${bar + 8}" fill="none" stroke="#b3261e" stroke-width="2"/>`;
  for (let h = 0; h * 60 <= end; h += 2) {
    svg += `<line x1="${x(h * 60)}" y1="${top + bar}" x2="${x(h * 60)}" y2="${top + bar + 5}" stroke="#6b778c"/>`;
    svg += `<text x="${x(h * 60)}" y="${top + bar + 18}" font-size="11" text-anchor="middle" fill="#6b778c">${String(h % 24).padStart(2, '0')}:00</text>`;
  }
  return svg + '</svg>';
}

// ---- charts
async function showCharts() {
  show(['filters', 'charts-view']);
  const query = filterQuery();
  const response = await api('/api/charts' + (query ? '?' + query : ''));
  const data = await response.json();
  const rate = charts.rate || (charts.rate = echarts.init(document.getElementById('chart-rate')));
  rate.setOption({
    animation: false,
    title: {text: 'Violations per 1,000 worker-days', textStyle: {fontSize: 14}},
    tooltip: {},
    xAxis: {type: 'category', data: data.platforms.map((p) => p.platformId), axisLabel: {rotate: 30}},
    yAxis: {type: 'value'},
    series: [{type: 'bar', name: 'per 1,000 worker-days', data: data.platforms.map((p) => p.per1000WorkerDays ?? 0),
      itemStyle: {color: '#12355b'}}],
  }, true);
  const money = charts.money || (charts.money = echarts.init(document.getElementById('chart-shortfall')));
  money.setOption({
    animation: false,
    title: {text: `Shortfall owed to workers per week (${data.currency})`, textStyle: {fontSize: 14}},
    tooltip: {trigger: 'axis'},
    legend: {top: 24},
    grid: {top: 60},
    xAxis: {type: 'category', data: data.weeks},
    yAxis: {type: 'value'},
    series: Object.entries(data.shortfallByWeek).map(([platform, amounts]) =>
      ({type: 'bar', stack: 'owed', name: platform, data: amounts.map((fen) => fen / 100)})),
  }, true);
}

document.addEventListener('DOMContentLoaded', () => {
  $('#login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const response = await fetch('/api/login', {method: 'POST', credentials: 'same-origin',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({user: $('#user').value, password: $('#password').value})});
    if (response.status !== 200) {
      $('#login-error').textContent = 'Unknown user or wrong password.';
      $('#login-error').hidden = false;
      return;
    }
    $('#login-error').hidden = true;
    signedIn(await response.json());
  });
  $('#signout').addEventListener('click', async () => {
    await fetch('/api/logout', {method: 'POST', credentials: 'same-origin'});
    signedOut();
  });
  document.querySelectorAll('[data-filter]').forEach((input) => input.addEventListener('change', route));
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-nav]');
    if (link) { event.preventDefault(); navigate(link.getAttribute('href')); }
  });
  window.addEventListener('popstate', route);
  start();
});
