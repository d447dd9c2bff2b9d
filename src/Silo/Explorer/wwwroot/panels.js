// The side panels: the hovered region (pattern per layer, output maps over (u, v), area, neighbours) and the bound
// catalog of the model's architecture.
const esc = s => String(s).replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** A layer's states: digits run together when every state is one digit (relu, maxout up to rank 10), else commas. */
export function layerText(states) {
  return states.every(s => s < 10) ? states.join('') : states.join(',');
}

const number = x => (Math.abs(x) < 1e-12 ? '0' : Number(x.toPrecision(6)).toString());

export function describeRegion(panel, region, view) {
  const layers = region.states.map((s, l) => (s.length ? `<div>layer ${l + 1}: <code class="layer" data-layer="${l}">${layerText(s)}</code></div>` : '')).join('');
  const maps = region.outputs.map((m, k) => `<div>y${k} = ${number(m.gradient[0])} u + ${number(m.gradient[1])} v + ${number(m.offset)}</div>`).join('');
  panel.innerHTML = `<div>region <b id="region-id">${region.id}</b> of ${view.regions} polygons; key <code>${esc(region.key)}</code></div>
    <h3>pattern</h3>${layers}
    <h3>output maps over (u, v)</h3>${maps}
    <div>area <span id="region-area">${number(region.area)}</span></div>
    <div>neighbours (${region.neighbours.length}): <span id="region-neighbours">${region.neighbours.join(', ')}</span></div>`;
}

export function boundsTable(table, bounds) {
  const rows = bounds.map(b => `<tr><td title="${esc(b.citation)}">${esc(b.name)}<br><small>${esc(b.kind)}, ${esc(b.subject)}</small></td>
    <td class="value">${b.value === null ? `<small>${esc(b.notApplicable)}</small>` : esc(b.value)}</td></tr>`);
  table.innerHTML = `<tr><th>bound</th><th>value</th></tr>${rows.join('')}`;
}
