// The explorer page: load a model, pick a slice, draw its exact regions, pan and zoom (each view enumerated again
// by POST /regions, exactly), hover a region for its pattern, maps, area and neighbours (GET /regions/{view}/{id}, asked
// only for the region hovered, so a view carries no more than drawing needs). Over the vector budget the view comes
// as a PNG of sampled pixels (POST /regions.png), so the page never has to hold a huge map.
import { getJson, postJson, postForBlob, postForResponse, setToken } from './api.js';
import { construction, fromFile, architecture, piecewiseLayers } from './model.js';
import { decode, draw, highlight, regionAt, toPlane, SIZE } from './view.js';
import { describeRegion, boundsTable } from './panels.js';

const $ = id => document.getElementById(id);
const state = { network: null, home: null, box: null, view: null, sequence: 0, drawn: 0, last: null };
// For the browser tests and the curious: the current view and the timing of the last one drawn, step by step.
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
    const response = await postForResponse('/regions', body, signal);
    const answered = performance.now();
    const text = await response.text();
    const received = performance.now();
    const answer = JSON.parse(text);
    const parsed = performance.now();
    if (sequence !== state.sequence) return;
    if (!answer.vector) {
      await raster(body, answer, sequence, signal);
      return;
    }
    const view = decode(answer);
    const decoded = performance.now();
    $('raster').hidden = true;
    $('plot').hidden = false;
    draw($('map'), view);
    highlight($('overlay'), view, null);
    for (const canvas of [$('map'), $('overlay')]) canvas.style.transform = '';
    hovered = null;
    view.details = new Map();
    state.view = view;
    state.box = view.box;
    state.home ??= view.box;
    const painted = performance.now();
    // Wait for the frame that shows it, so the time measured is what the user waits for.
    await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const ms = performance.now() - started;
    state.last = {
      ms, count: view.count, activationRegions: view.activationRegions, serverMs: view.milliseconds, bytes: text.length,
      steps: {
        request: answered - started, server: serverSteps(response), transfer: received - answered, parse: parsed - received,
        decode: decoded - parsed, draw: painted - decoded, frame: performance.now() - painted,
      },
    };
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

/** The server's Server-Timing header as { step: ms }. */
function serverSteps(response) {
  const steps = {};
  for (const part of (response.headers.get('Server-Timing') ?? '').split(',')) {
    const [, name, ms] = part.match(/^\s*([\w-]+);dur=([\d.]+)/) ?? [];
    if (name) steps[name] = Number(ms);
  }
  return steps;
}

/** The fallback over the budget: the same view as a PNG of sampled pixels, and the reason. */
async function raster(body, answer, sequence, signal) {
  const blob = await postForBlob('/regions.png', { ...body, width: SIZE, height: SIZE }, signal);
  if (sequence !== state.sequence) return;
  const img = $('raster');
  if (img.src) URL.revokeObjectURL(img.src);
  img.src = URL.createObjectURL(blob);
  img.hidden = false;
  $('plot').hidden = true;
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

  const map = $('map');
  const at = e => {
    const rect = map.getBoundingClientRect();
    return [e.clientX - rect.left, e.clientY - rect.top];
  };
  const shift = transform => { for (const canvas of [map, $('overlay')]) canvas.style.transform = transform; };
  map.addEventListener('wheel', e => {
    e.preventDefault();
    const [u, v] = toPlane(state.box, ...at(e));
    zoom(e.deltaY < 0 ? 0.8 : 1.25, u, v);
  }, { passive: false });
  // Pan: the drawing follows the pointer while dragging; on release the new window is enumerated.
  let drag = null;
  map.addEventListener('pointerdown', e => {
    drag = { x: e.clientX, y: e.clientY, dx: 0, dy: 0 };
    map.setPointerCapture(e.pointerId);
    map.classList.add('dragging');
  });
  map.addEventListener('pointermove', e => {
    if (drag) {
      drag.dx = e.clientX - drag.x;
      drag.dy = e.clientY - drag.y;
      shift(`translate(${drag.dx}px, ${drag.dy}px)`);
      return;
    }
    hover(...at(e));
  });
  map.addEventListener('pointerup', () => {
    if (!drag) return;
    map.classList.remove('dragging');
    const { dx, dy } = drag;
    drag = null;
    if (Math.abs(dx) < 2 && Math.abs(dy) < 2) {
      shift('');
      return;
    }
    const [u0, u1, v0, v1] = state.box;
    const du = -dx / SIZE * (u1 - u0), dv = dy / SIZE * (v1 - v0);
    show([u0 + du, u1 + du, v0 + dv, v1 + dv]);
  });
}

let hovered = null;

/** The region under canvas pixel (x, y): outlined at once, described (with its neighbours) when the server answers. */
async function hover(x, y) {
  const view = state.view;
  if (!view) return;
  const id = regionAt(view, x, y);
  if (id === null || id === hovered) return;
  hovered = id;
  highlight($('overlay'), view, id, []);
  try {
    const region = view.details.get(id) ?? await getJson(`/regions/${view.view}/${id}`);
    view.details.set(id, region);
    if (state.view !== view || hovered !== id) return;
    highlight($('overlay'), view, id, region.neighbours);
    describeRegion($('region'), region, view);
  } catch (e) {
    if (state.view === view && hovered === id) message(e.message);
  }
}

wire();
