// The ops console: plain JS, no build. The API key is kept in sessionStorage (this tab only) and sent as a
// bearer token; the page itself holds no data. Every figure comes from /api/v1/sources, /api/v1/rejections,
// /api/v1/supervision/findings/summary, /api/v1/settlement/claims/summary and /api/v1/deliveries.
'use strict';

const KEY = 'skills-hub.api-key';
const REFRESH_MS = 3000;
let timer = null;

const $ = (id) => document.getElementById(id);

function apiKey() {
  return sessionStorage.getItem(KEY);
}

async function api(method, path) {
  const response = await fetch(path, {
    method,
    headers: { 'Authorization': 'Bearer ' + apiKey(), 'Accept': 'application/json' },
  });
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  if (!response.ok) {
    const error = new Error((body && body.detail) || response.statusText);
    error.status = response.status;
    throw error;
  }
  return body;
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text === null || text === undefined ? '—' : String(text);
  if (className) {
    td.className = className;
  }
  row.appendChild(td);
  return td;
}

/** Replaces the rows of a table's body: one row per item, filled by fill(row, item). */
function fillTable(selector, items, fill) {
  const body = document.querySelector(selector + ' tbody');
  body.replaceChildren();
  for (const item of items) {
    const row = document.createElement('tr');
    fill(row, item);
    body.appendChild(row);
  }
}

function seconds(value) {
  return value === null || value === undefined ? '—' : value.toFixed(1);
}

function time(value) {
  return value ? new Date(value).toLocaleString() : '—';
}

function renderSources(sources) {
  fillTable('#sources', sources, (row, s) => {
    row.dataset.source = s.id;
    cell(row, s.id);
    const state = cell(row, '');
    const badge = document.createElement('span');
    badge.className = 'state state-' + s.state;
    badge.textContent = s.state;
    badge.dataset.role = 'state';
    state.appendChild(badge);
    // Every kind of source has a lag; '—' only before a source's first poll (or while a JDBC feed is unreadable).
    cell(row, seconds(s.lagSeconds), 'num').dataset.role = 'lag';
    cell(row, seconds(s.checkpointAgeSeconds), 'num');
    cell(row, s.recordsRead, 'num');
    cell(row, s.eventsPublished, 'num');
    cell(row, s.recordsRejected, 'num');
    cell(row, time(s.lastSuccessfulPoll));
    cell(row, s.circuitBreaker);
    // A route file refused while the hub runs: the source runs on as it was (or, never loaded, shows 'refused').
    const failure = cell(row, s.fileRefused ? '文件未加载 file refused: ' + s.fileRefused
        : s.lastFailure ? time(s.lastFailureAt) + ' ' + s.lastFailure : null);
    if (s.fileRefused) {
      failure.dataset.role = 'file-refused';
    }
    const actions = cell(row, '');
    const button = document.createElement('button');
    button.type = 'button';
    const paused = s.state === 'paused';
    button.textContent = paused ? '恢复 Resume' : '暂停 Pause';
    button.dataset.action = paused ? 'resume' : 'pause';
    button.disabled = !(paused || s.state === 'running' || s.state === 'failing');
    button.addEventListener('click', () => act(s.id, button.dataset.action));
    actions.appendChild(button);
  });
}

function renderRejections(rejections) {
  fillTable('#rejections', rejections, (row, r) => {
    cell(row, time(r.rejectedAt));
    cell(row, r.sourceId);
    cell(row, r.position);
    cell(row, r.reason);
    cell(row, r.message);
    cell(row, r.replayedAt ? time(r.replayedAt) : '');
  });
}

function renderFindings(counted) {
  fillTable('#findings', counted, (row, c) => {
    row.dataset.rule = c.rule;
    cell(row, c.institutionName);
    cell(row, c.rule);
    cell(row, c.clause);
    cell(row, c.month);
    cell(row, c.findings, 'num');
  });
}

function renderClaims(summary) {
  $('held-claims').textContent = summary.heldClaims;
  $('held-yuan').textContent = summary.heldYuanAtLastStandard;
  fillTable('#waiting-claims', summary.byStatusCityAndReason, (row, g) => {
    row.dataset.status = g.status;
    cell(row, g.status);
    cell(row, g.cityCode);
    cell(row, g.reason);
    cell(row, g.claims, 'num');
    cell(row, g.status === 'HELD' ? g.yuanAtLastStandard : null, 'num');
  });
}

function renderDeliveries(subscribers) {
  fillTable('#deliveries', subscribers, (row, s) => {
    row.dataset.subscriber = s.subscriber;
    cell(row, s.subscriber);
    cell(row, s.template);
    cell(row, s.target);
    cell(row, s.delivered, 'num');
    cell(row, s.failed, 'num');
    cell(row, s.deadLettered, 'num');
    cell(row, s.redelivered, 'num');
    cell(row, s.template === 'sftp-daily-file' ? s.filesWritten : null, 'num');
    cell(row, s.lag < 0 ? null : s.lag, 'num');
    cell(row, s.breaker);
    const actions = cell(row, '');
    if (s.template === 'http-push') {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = '重投 Redeliver';
      button.addEventListener('click', () => redeliver(s.subscriber));
      actions.replaceChildren(button);
    }
  });
}

async function refreshDeliveries() {
  try {
    renderDeliveries(await api('GET', '/api/v1/deliveries'));
    $('deliveries-error').textContent = '';
  } catch (e) {
    $('deliveries-error').textContent = 'Deliveries not available: ' + e.message;
  }
}

async function redeliver(subscriber) {
  try {
    const r = await api('POST', '/api/v1/deliveries/' + encodeURIComponent(subscriber) + '/redeliver');
    $('deliveries-error').textContent = subscriber + ': ' + r.redelivered + ' of ' + r.pending + ' redelivered'
      + (r.stoppedBy ? ' (stopped: ' + r.stoppedBy + ')' : '');
  } catch (e) {
    $('deliveries-error').textContent = 'Redelivery to ' + subscriber + ' failed: ' + e.message;
  }
}

// Supervision and settlement may be switched off in a deployment: their tables then say so and the rest goes on.
async function refreshSupervision() {
  try {
    const [findings, claims] = await Promise.all([
      api('GET', '/api/v1/supervision/findings/summary'),
      api('GET', '/api/v1/settlement/claims/summary'),
    ]);
    renderFindings(findings);
    renderClaims(claims);
    $('findings-error').textContent = '';
  } catch (e) {
    $('findings-error').textContent = 'Supervision and claims not available: ' + e.message;
  }
}

async function refresh() {
  refreshSupervision();
  refreshDeliveries();
  try {
    const [sources, rejections] = await Promise.all([
      api('GET', '/api/v1/sources'),
      api('GET', '/api/v1/rejections?limit=20'),
    ]);
    renderSources(sources);
    renderRejections(rejections);
    $('refreshed').textContent = 'updated ' + new Date().toLocaleTimeString();
  } catch (e) {
    if (e.status === 401) {
      signOut('The key is no longer accepted; sign in again.');
    } else {
      $('action-error').textContent = 'Refresh failed: ' + e.message;
    }
  }
}

async function act(sourceId, action) {
  $('action-error').textContent = '';
  try {
    await api('POST', '/api/v1/sources/' + encodeURIComponent(sourceId) + '/' + action);
  } catch (e) {
    $('action-error').textContent = action + ' ' + sourceId + ' failed: ' + e.message;
  }
  await refresh();
}

async function signIn(event) {
  event.preventDefault();
  $('sign-in-error').textContent = '';
  sessionStorage.setItem(KEY, $('api-key').value.trim());
  try {
    const me = await api('GET', '/api/v1/me');
    if (!me.roles.includes('OPS')) {
      sessionStorage.removeItem(KEY);
      $('sign-in-error').textContent = me.name + ' has no OPS role (roles: ' + me.roles.join(', ') + ')';
      return;
    }
    $('api-key').value = '';
    show(me);
  } catch (e) {
    sessionStorage.removeItem(KEY);
    $('sign-in-error').textContent = e.status === 401 ? 'This key is not valid.' : 'Sign-in failed: ' + e.message;
  }
}

function show(me) {
  $('who-name').textContent = me.name + ' (' + me.roles.join(', ') + ')';
  $('who').hidden = false;
  $('sign-in-panel').hidden = true;
  $('console').hidden = false;
  refresh();
  timer = setInterval(refresh, REFRESH_MS);
}

function signOut(message) {
  sessionStorage.removeItem(KEY);
  clearInterval(timer);
  $('who').hidden = true;
  $('console').hidden = true;
  $('sign-in-panel').hidden = false;
  $('sign-in-error').textContent = message || '';
}

document.addEventListener('DOMContentLoaded', async () => {
  $('sign-in').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', () => signOut());
  if (apiKey()) {
    try {
      show(await api('GET', '/api/v1/me'));
    } catch (e) {
      signOut();
    }
  }
});
