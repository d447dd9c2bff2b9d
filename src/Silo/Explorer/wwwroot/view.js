// Draws one exact view on a canvas: each region's polygon filled with the colour the server sends (the map's own
// PatternColours rule), the boundaries between regions of the partition, and the zero set of an output; finds the
// region under a point. A canvas rather than an SVG node per region: 10^4 nodes cost the browser far more to lay out
// and paint than 10^4 polygons cost to fill.
export const SIZE = 720;

export function toPlane(box, x, y) {
  const [u0, u1, v0, v1] = box;
  return [u0 + x / SIZE * (u1 - u0), v0 + (SIZE - y) / SIZE * (v1 - v0)];
}

function bytes(base64) {
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(base64);
  const text = atob(base64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

const floats = base64 => new Float32Array(bytes(base64).buffer);
const hex = b => b.toString(16).padStart(2, '0');

/**
 * The view POST /regions answers, its arrays decoded: starts (Int32Array, region i's points are starts[i] ..
 * starts[i + 1] - 1), points (Float32Array of (u, v) as fractions of the box), colours ('#rrggbb' per region),
 * boundaries (Float32Array of segments, or null: every edge is one), zero, and each region's bounding box for lookups.
 */
export function decode(answer) {
  const starts = new Int32Array(bytes(answer.starts).buffer);
  const points = floats(answer.points);
  const rgb = bytes(answer.colours);
  const n = starts.length - 1;
  const colours = new Array(n);
  const bounds = new Float32Array(4 * n);
  for (let i = 0; i < n; i++) {
    colours[i] = `#${hex(rgb[3 * i])}${hex(rgb[3 * i + 1])}${hex(rgb[3 * i + 2])}`;
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let k = 2 * starts[i]; k < 2 * starts[i + 1]; k += 2) {
      x0 = Math.min(x0, points[k]); x1 = Math.max(x1, points[k]);
      y0 = Math.min(y0, points[k + 1]); y1 = Math.max(y1, points[k + 1]);
    }
    bounds.set([x0, x1, y0, y1], 4 * i);
  }
  return {
    ...answer, regions: n, starts, points, colours, bounds,
    boundaries: answer.boundaries === null ? null : floats(answer.boundaries), zero: floats(answer.zero),
  };
}

/** Region i's outline, in canvas pixels, added to path (a Path2D, or a context's current path). */
function trace(path, view, i) {
  const { starts, points } = view;
  for (let k = starts[i]; k < starts[i + 1]; k++) {
    const x = points[2 * k] * SIZE, y = SIZE - points[2 * k + 1] * SIZE;
    if (k === starts[i]) path.moveTo(x, y);
    else path.lineTo(x, y);
  }
  path.closePath();
}

// Strokes go in batches: Skia strokes one path of 10^4 closed polygons in seconds, a few dozen paths of a few hundred
// polygons in milliseconds (measured in headless chromium).
const BATCH = 256;

function strokeRegions(g, view) {
  for (let first = 0; first < view.regions; first += BATCH) {
    g.beginPath();
    for (let i = first; i < Math.min(view.regions, first + BATCH); i++) trace(g, view, i);
    g.stroke();
  }
}

function strokeSegments(g, list) {
  for (let first = 0; first < list.length; first += 4 * BATCH) {
    g.beginPath();
    for (let k = first; k < Math.min(list.length, first + 4 * BATCH); k += 4) {
      g.moveTo(list[k] * SIZE, SIZE - list[k + 1] * SIZE);
      g.lineTo(list[k + 2] * SIZE, SIZE - list[k + 3] * SIZE);
    }
    g.stroke();
  }
}

/** A canvas sized SIZE css pixels with as many device pixels as the screen has, drawn in css pixels. */
export function context(canvas) {
  const scale = window.devicePixelRatio || 1;
  if (canvas.width !== SIZE * scale) canvas.width = canvas.height = SIZE * scale;
  const g = canvas.getContext('2d');
  g.setTransform(scale, 0, 0, scale, 0, 0);
  g.clearRect(0, 0, SIZE, SIZE);
  return g;
}

/**
 * Fills the regions, one path per colour: the pieces of one linear region (or of one region after a layer) are filled
 * as one, so no pale seam shows between them; then strokes the boundaries (every outline when each region has a key
 * of its own) and the zero set.
 */
export function draw(canvas, view) {
  const g = context(canvas);
  const byColour = new Map();
  for (let i = 0; i < view.regions; i++) {
    const same = byColour.get(view.colours[i]);
    if (same) same.push(i);
    else byColour.set(view.colours[i], [i]);
  }
  for (const [colour, ids] of byColour) {
    g.beginPath();
    for (const i of ids) trace(g, view, i);
    g.fillStyle = colour;
    g.fill();
  }
  g.strokeStyle = '#282828';
  g.lineWidth = 0.8;
  if (view.boundaries) strokeSegments(g, view.boundaries);
  else strokeRegions(g, view);
  if (view.zero.length) {
    g.strokeStyle = '#d00';
    g.lineWidth = 2;
    strokeSegments(g, view.zero);
  }
}

/** Outlines region id (solid) and its neighbours (dashed) on the overlay canvas; null clears it. */
export function highlight(canvas, view, id, neighbours) {
  const g = context(canvas);
  if (id === null) return;
  const around = new Path2D();
  for (const n of neighbours) trace(around, view, n);
  g.strokeStyle = '#555';
  g.lineWidth = 1;
  g.setLineDash([3, 2]);
  g.stroke(around);
  const hovered = new Path2D();
  trace(hovered, view, id);
  g.strokeStyle = '#000';
  g.lineWidth = 2;
  g.setLineDash([]);
  g.stroke(hovered);
}

/** The region under canvas pixel (x, y), or null: its bounding box first, then the crossing rule on its polygon. */
export function regionAt(view, x, y) {
  const [px, py] = [x / SIZE, (SIZE - y) / SIZE];
  const { starts, points, bounds } = view;
  for (let i = 0; i < view.regions; i++) {
    if (px < bounds[4 * i] || px > bounds[4 * i + 1] || py < bounds[4 * i + 2] || py > bounds[4 * i + 3]) continue;
    let inside = false;
    for (let k = starts[i], j = starts[i + 1] - 1; k < starts[i + 1]; j = k++) {
      const xk = points[2 * k], yk = points[2 * k + 1], xj = points[2 * j], yj = points[2 * j + 1];
      if ((yk > py) !== (yj > py) && px < (xj - xk) * (py - yk) / (yj - yk) + xk) inside = !inside;
    }
    if (inside) return i;
  }
  return null;
}
