// Renders the OpenAPI document as a list of operations. Text goes in with textContent: nothing from the
// document is parsed as HTML.
const root = document.getElementById('ops');
const el = (tag, text, cls) => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
};
const resolve = (doc, schema) =>
  schema && schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema;

const doc = await (await fetch(root.dataset.spec)).json();
root.textContent = '';
const byTag = new Map();
for (const [path, item] of Object.entries(doc.paths)) {
  for (const [method, op] of Object.entries(item)) {
    const tag = (op.tags && op.tags[0]) || 'other';
    if (!byTag.has(tag)) byTag.set(tag, []);
    byTag.get(tag).push({ path, method, op });
  }
}
for (const [tag, ops] of byTag) {
  root.append(el('h2', tag));
  for (const { path, method, op } of ops) {
    const d = el('details');
    const s = el('summary');
    s.append(
      el('span', method.toUpperCase(), 'method'),
      el('code', path),
      document.createTextNode(` — ${op.summary ?? ''}`),
    );
    d.append(s);
    if (op.description) d.append(el('p', op.description));
    const body = op.requestBody?.content?.['application/json']?.schema;
    if (body) {
      d.append(el('h4', 'Request body'));
      d.append(el('pre', JSON.stringify(resolve(doc, body), null, 2)));
    }
    d.append(el('h4', 'Responses'));
    const list = el('ul');
    for (const [status, r] of Object.entries(op.responses ?? {}))
      list.append(el('li', `${status}: ${r.description ?? ''}`));
    d.append(list);
    root.append(d);
  }
}
