// The explorer page: load a model, pick a slice, draw its exact regions, pan and zoom (each view enumerated again
// by POST /regions, exactly), hover a region for its pattern, maps, area and neighbours. Over the vector budget the
// view comes as a PNG of sampled pixels (POST /regions.png), so the page never has to hold a huge map.
import { postJson, postForBlob, setToken } from './api.js';
import { construction, fromFile, architecture, piecewiseLayers } from './model.js';
import { draw, toPlane, SIZE } from './view.js';
import { describeRegion, boundsTable } from './panels.js';

const $ = id => document.getElementById(id);
const state = { network: null, home: null, box: null, view: null, sequence: 0, drawn: 0, last: null };
// For the browser tests and the curious: the current view and the timing of the last one drawn.
window.explorer = state;
let controller = null;

function message(text) { $('message').textContent = text ?? ''; }

function status(text) { $('status').textContent = text; }

function parseVector(text, name) {
  const values = text.split(',').map(s => Number(s.trim()));
  if (!text.trim() || values.some(x => !Number.isFinite(x))) throw new Error(`${name}: '${text}' is not a comma-separated list of numbers`);
  if (values.length !== state.network.inputs) throw new Error(`${name}: ${values.length} coordinates, the model has ${state.network.inputs} inputs`);
  return values;
}

/** The plane: two input axes (others 0) or the plane through three points. */
function slice() {
  const n = state.network.inputs;
  if (document.querySelector('input[name=slice]:checked').value === 'points') {
    const [a, b, c] = ['a', 'b', 'c'].map(p => parseVector($(`point-${p}`).value, p.toUpperCase()));
    return { origin: a, u: b.map((x, i) => x - a[i]), v: c.map((x, i) => x - a[i]) };
  }
  const axis = id => {
    const i = Number($(id).value);
    if (!Number.isInteger(i) || i < 1 || i > n) throw new Error(`axis ${$(id).value} is outside 1..${n}`);
    return Array.from({ length: n }, (_, j) => (j === i - 1 ? 1 : 0));
  };
  return { origin: new Array(n).fill(0), u: axis('axis-u'), v: axis('axis-v') };
}

function request(box) {
  const body = { network: state.network, ...slice(), definition: $('linear').checked ? 'linear' : 'activation' };
  if (box) body.box = `${box[0]}:${box[1]},${box[2]}:${box[3]}`;
  if ($('layer').value) body.layer = Number($('layer').value);
  if ($('boundary').checked) body.boundary = Number($('output').value);
  body.maxRegions = Number($('budget').value);
  return body;
}

/** Asks for the view of box (null: the model's own domain, or the box typed) and draws it; older answers are dropped. */
async function show(box) {
  if (!state.network) return;
  const sequence = ++state.sequence;
  state.target = box;
  // A newer view replaces an unfinished one: closing its request stops its enumeration on the server (a wheel
  // spun fast asks for many views; only the last is drawn).
  controller?.abort();
  controller = new AbortController();
  const signal = controller.signal;
  const started = performance.now();
  status('enumerating…');
  try {
    const body = request(box ?? typedBox());
    const view = await postJson('/regions', body, signal);
    if (sequence !== state.sequence) return;
    if (!view.vector) {
      await raster(body, view, sequence, signal);
      return;
    }
    $('raster').hidden = true;
    $('map').style.display = '';
    draw($('map'), view);
    hovered = null;
    state.view = view;
    state.box = view.box;
    state.home ??= view.box;
    // Wait for the frame that shows it, so the time measured is what the user waits for.
    await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const ms = performance.now() - started;
    state.last = { ms, count: view.count, activationRegions: view.activationRegions, serverMs: view.milliseconds };
    state.drawn = sequence;
    $('count').textContent = `${view.count.toLocaleString('en')} ${view.partition} (exact)`;
    $('count').dataset.count = view.count;
    $('window').textContent = `u ${view.box[0].toPrecision(6)} … ${view.box[1].toPrecision(6)}, v ${view.box[2].toPrecision(6)} … ${view.box[3].toPrecision(6)}; ${view.slice.description}`;
    status(`${ms.toFixed(0)} ms (server ${view.milliseconds.toFixed(0)} ms)`);
    message('');
  } catch (e) {
    if (sequence !== state.sequence) return;
    status('');
    message(e.message);
  }
}

/** The fallback over the budget: the same view as a PNG of sampled pixels, and the reason. */
async function raster(body, answer, sequence, signal) {
  const blob = await postForBlob('/regions.png', { ...body, width: SIZE, height: SIZE }, signal);
  if (sequence !== state.sequence) return;
  const img = $('raster');
  if (img.src) URL.revokeObjectURL(img.src);
  img.src = URL.createObjectURL(blob);
  img.hidden = false;
  $('map').style.display = 'none';
  state.box = answer.box;
  state.home ??= answer.box;
  state.view = null;
  state.drawn = sequence;
  $('count').textContent = '';
  delete $('count').dataset.count;
  status('');
  message(answer.message);
}

function typedBox() {
  const text = $('box').value.trim();
  if (!text) return state.box;
  const numbers = text.split(/[:,]/).map(Number);
  if (numbers.length !== 4 || numbers.some(x => !Number.isFinite(x))) throw new Error(`box: '${text}' is not u0:u1,v0:v1`);
  $('box').value = '';
  return numbers;
}

async function load(network) {
  if (typeof network !== 'object' || network === null || Array.isArray(network)) throw new Error('the file is not a pwl-network/1 object');
  state.network = network;
  state.home = state.box = state.view = null;
  $('model-name').textContent = network.name ?? `${network.inputs} inputs, ${network.layers?.length ?? 0} layers`;
  const layer = $('layer');
  layer.innerHTML = '<option value="">all</option>' + piecewiseLayers(network).map(l => `<option value="${l.number}">1..${l.number}</option>`).join('');
  $('region').textContent = 'hover a region';
  const bounds = postJson('/bounds', architecture(network)).then(b => boundsTable($('bounds'), b), e => { $('bounds').textContent = e.message; });
  await Promise.all([show(null), bounds]);
}

/** Zoom by factor about the plane point (u, v); factor < 1 zooms in. */
function zoom(factor, u, v) {
  // From the window last asked for, so wheel steps taken before it arrives add up.
  const from = state.target ?? state.box;
  if (!from) return;
  const [u0, u1, v0, v1] = from;
  u ??= (u0 + u1) / 2;
  v ??= (v0 + v1) / 2;
  show([u + (u0 - u) * factor, u + (u1 - u) * factor, v + (v0 - v) * factor, v + (v1 - v) * factor]);
}

function wire() {
  $('token').addEventListener('change', e => setToken(e.target.value));
  $('build').addEventListener('click', () => {
    message('');
    const widths = $('widths').value.split(',').filter(s => s.trim()).map(Number);
    construction($('construction').value, Number($('inputs').value), widths, Number($('rank').value) || undefined, Number($('seed').value))
      .then(load).catch(e => message(e.message));
  });
  $('file').addEventListener('change', e => {
    const file = e.target.files[0];
    if (!file) return;
    message('');
    fromFile(file).then(load).catch(err => message(err.message));
    e.target.value = '';
  });
  $('apply').addEventListener('click', () => { state.home = null; show(null); });
  for (const id of ['layer', 'linear', 'boundary', 'output', 'budget']) $(id).addEventListener('change', () => show(state.box));
  $('zoom-in').addEventListener('click', () => zoom(0.5));
  $('zoom-out').addEventListener('click', () => zoom(2));
  $('reset').addEventListener('click', () => show(state.home));

  const svg = $('map');
  svg.addEventListener('wheel', e => {
    e.preventDefault();
    const rect = svg.getBoundingClientRect();
    const [u, v] = toPlane(state.box, e.clientX - rect.left - svg.clientLeft, e.clientY - rect.top - svg.clientTop);
    zoom(e.deltaY < 0 ? 0.8 : 1.25, u, v);
  }, { passive: false });
  // Pan: the drawing follows the pointer while dragging; on release the new window is enumerated.
  let drag = null;
  svg.addEventListener('pointerdown', e => {
    drag = { x: e.clientX, y: e.clientY, dx: 0, dy: 0 };
    svg.setPointerCapture(e.pointerId);
    svg.classList.add('dragging');
  });
  svg.addEventListener('pointermove', e => {
    if (drag) {
      drag.dx = e.clientX - drag.x;
      drag.dy = e.clientY - drag.y;
      for (const child of svg.children) child.setAttribute('transform', `translate(${drag.dx} ${drag.dy})`);
      return;
    }
    hover(e.target);
  });
  svg.addEventListener('pointerup', () => {
    if (!drag) return;
    svg.classList.remove('dragging');
    const { dx, dy } = drag;
    drag = null;
    if (Math.abs(dx) < 2 && Math.abs(dy) < 2) {
      for (const child of svg.children) child.removeAttribute('transform');
      return;
    }
    const [u0, u1, v0, v1] = state.box;
    const du = -dx / SIZE * (u1 - u0), dv = dy / SIZE * (v1 - v0);
    show([u0 + du, u1 + du, v0 + dv, v1 + dv]);
  });
}

let hovered = null;

function hover(target) {
  const id = target?.dataset?.id;
  if (id === undefined || !state.view || hovered?.dataset.id === id) return;
  const svg = $('map');
  for (const p of svg.querySelectorAll('path.hover, path.neighbour')) p.classList.remove('hover', 'neighbour');
  hovered = target;
  const region = state.view.regions[Number(id)];
  target.classList.add('hover');
  for (const n of region.neighbours) svg.querySelector(`path[data-id="${n}"]`)?.classList.add('neighbour');
  describeRegion($('region'), region, state.view);
}

wire();
