// Renders the hub's AsyncAPI document (/asyncapi.json, the same as /asyncapi.yaml) and each message's JSON Schema
// (/schemas/<ce_type>.json) as tables. Plain DOM, no library, nothing from the network but the hub itself.
'use strict';

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  children.flat().forEach(c => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
  return node;
}

function code(text) {
  return el('code', {}, text);
}

function resolve(doc, ref) {
  return ref.replace(/^#\//, '').split('/').reduce((node, part) => node && node[part], doc);
}

function describeSchema(schema) {
  if (!schema) return '';
  if (schema.$ref) return schema.$ref.replace('#/components/schemas/', '');
  if (schema.const !== undefined) return '= ' + schema.const;
  if (schema.enum) return 'one of ' + schema.enum.join(', ');
  if (schema.type === 'array') return 'array of ' + describeSchema(schema.items);
  let text = [].concat(schema.type || 'any').join(' | ');
  if (schema.pattern) text += ' matching ' + schema.pattern;
  if (schema.format) text += ' (' + schema.format + ')';
  if (schema.minimum !== undefined) text += ', ≥ ' + schema.minimum;
  if (schema.maximum !== undefined) text += ', ≤ ' + schema.maximum;
  return text;
}

function fieldsTable(schema) {
  const required = new Set(schema.required || []);
  const rows = Object.entries(schema.properties || {}).map(([name, field]) =>
    el('tr', {}, el('td', {}, code(name)), el('td', {}, required.has(name) ? 'yes' : ''),
      el('td', {}, describeSchema(field)), el('td', {}, field.description || '')));
  return el('table', { class: 'fields' },
    el('thead', {}, el('tr', {}, el('th', {}, 'field'), el('th', {}, 'required'), el('th', {}, 'type'), el('th', {}, 'what'))),
    el('tbody', {}, rows));
}

async function messageSection(doc, id, message) {
  const key = message.bindings && message.bindings.kafka && message.bindings.kafka.key;
  const section = el('div', { class: 'message', id: 'message-' + id },
    el('h4', {}, code(message.name || id), ' ', message.summary || ''),
    el('p', { class: 'facts' }, 'Kafka key: ', key ? describeSchema(key.$ref ? resolve(doc, key.$ref) : key) : '—',
      key && key.$ref ? ' (' + key.$ref.replace('#/components/schemas/', '') + ')' : ''));
  const payload = message.payload || {};
  if (payload.$ref && payload.$ref.startsWith('./schemas/')) {
    const url = '/schemas/' + payload.$ref.substring('./schemas/'.length);
    section.append(el('p', { class: 'facts' }, 'Schema (ce_dataschema): ', el('a', { href: url }, url)));
    const response = await fetch(url);
    if (response.ok) section.append(fieldsTable(await response.json()));
  } else {
    section.append(fieldsTable(payload));
  }
  return section;
}

async function render() {
  const response = await fetch('/asyncapi.json');
  if (!response.ok) throw new Error('/asyncapi.json answered ' + response.status);
  const doc = await response.json();
  document.getElementById('title').textContent = doc.info.title + ' · ' + doc.info.version + ' (AsyncAPI ' + doc.asyncapi + ')';
  document.getElementById('description').append(el('pre', { class: 'description' }, doc.info.description || ''));

  const servers = document.querySelector('#servers tbody');
  Object.entries(doc.servers || {}).forEach(([name, s]) =>
    servers.append(el('tr', {}, el('td', {}, name), el('td', {}, code(s.host)), el('td', {}, s.protocol), el('td', {}, s.description || ''))));

  const channels = document.getElementById('channels');
  for (const [id, channel] of Object.entries(doc.channels || {})) {
    const kafka = (channel.bindings && channel.bindings.kafka) || {};
    const config = kafka.topicConfiguration || {};
    const retention = config['retention.ms'];
    const div = el('div', { class: 'channel', id: 'channel-' + id },
      el('h3', {}, code(channel.address), ' ', channel.title || ''),
      el('p', {}, channel.description || ''),
      el('p', { class: 'facts' }, 'partitions: ', kafka.partitions, ' · cleanup.policy: ', (config['cleanup.policy'] || []).join(', '),
        ' · retention: ', retention === undefined ? 'broker default' : (retention === -1 ? 'forever' : Math.round(retention / 86400000) + ' days')));
    channels.append(div);
    for (const [mid, ref] of Object.entries(channel.messages || {})) {
      div.append(await messageSection(doc, mid, ref.$ref ? resolve(doc, ref.$ref) : ref));
    }
  }

  const consumers = document.querySelector('#consumers tbody');
  Object.entries(doc.operations || {}).filter(([, op]) => op.action === 'receive').forEach(([id, op]) => {
    const kafka = (op.bindings && op.bindings.kafka) || {};
    const who = kafka.groupId ? 'group ' + kafka.groupId.enum.join(', ') : (kafka.clientId ? 'client ' + kafka.clientId.enum.join(', ') + ' (no group)' : '');
    consumers.append(el('tr', { class: 'consumer' }, el('td', {}, id), el('td', {}, code(resolve(doc, op.channel.$ref).address)),
      el('td', {}, who), el('td', {}, op.summary || '')));
  });

  const headerSchema = doc.components.schemas.CloudEventsHeaders;
  const required = new Set(headerSchema.required || []);
  const headers = document.querySelector('#headers tbody');
  Object.entries(headerSchema.properties).forEach(([name, h]) =>
    headers.append(el('tr', {}, el('td', {}, code(name)), el('td', {}, required.has(name) ? 'yes' : ''), el('td', {}, h.description || describeSchema(h)))));
  document.body.setAttribute('data-rendered', 'true');
}

render().catch(e => { document.getElementById('error').textContent = 'cannot render the contract: ' + e.message; });
