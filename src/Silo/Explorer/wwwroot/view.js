// Draws one exact view on a canvas: each region's polygon filled with the colour the server sends (the map's own
// PatternColours rule), the boundaries between regions of the partition, and the zero set of an output; finds the
// region under a point. A canvas rather than an SVG node per region: 10^4 nodes cost the browser far more to lay out
// and paint than 10^4 polygons cost to fill. The regions are rasterised by the page (raster.js), the zero set and the
// hover's outlines stroked by Canvas2D (a few paths).
import { regionIds, paint, packedColours, outlineKeys } from './raster.js';

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

/**
 * The view POST /regions answers, its arrays decoded: starts (Int32Array, region i's points are starts[i] ..
 * starts[i + 1] - 1), points (Float32Array of (u, v) as fractions of the box), rgb (r g b bytes per region), colours
 * (the same as RGBA int32s for the pixels), boundaries (Float32Array of segments, or null: every edge is one), zero.
 */
export function decode(answer) {
  const starts = new Int32Array(bytes(answer.starts).buffer);
  const n = starts.length - 1;
  const rgb = bytes(answer.colours);
  return {
    ...answer, regions: n, starts, points: floats(answer.points), rgb, colours: packedColours(rgb, n),
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

// Strokes go in batches: Skia stroked one path of 10^4 closed polygons in seconds, a few dozen paths of a few hundred
// polygons in milliseconds (measured in headless chromium); a zero set can be as long.
const BATCH = 256;

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

/** A canvas sized SIZE css pixels with as many device pixels as the screen has (a whole number), drawn in css pixels. */
export function context(canvas) {
  const width = Math.round(SIZE * (window.devicePixelRatio || 1));
  if (canvas.width !== width) canvas.width = canvas.height = width;
  const g = canvas.getContext('2d');
  g.setTransform(width / SIZE, 0, 0, width / SIZE, 0, 0);
  g.clearRect(0, 0, SIZE, SIZE);
  return g;
}

// The last picture's buffers, reused by the next: a fresh 2 MB typed array cost ~6 ms to fault in on the 2-core VM
// (measured in node), more than filling it. The id buffer is lent to the view drawn (view.pixels) and taken back from it on the next draw.
let shown = null;

function buffers(g, width) {
  if (shown?.width !== width) shown = { width, ids: new Int32Array(width * width), image: g.createImageData(width, width) };
  if (shown.view) shown.view.pixels = null;
  return shown;
}

/**
 * Paints the regions pixel by pixel (raster.js), each in its colour and outlined where its neighbour has another key:
 * the pieces of one linear region (or of one region after a layer) show as one, with no seam between them. Lends the
 * id buffer to the view for regionAt, then strokes the zero set over the pixels.
 */
export function draw(canvas, view) {
  const g = context(canvas);
  const width = canvas.width;
  const { ids, image } = buffers(g, width);
  regionIds(view, width, ids);
  paint(new Int32Array(image.data.buffer), ids, width, view.colours, outlineKeys(view, view.colours));
  g.putImageData(image, 0, 0);
  shown.view = view;
  view.pixels = { ids, width };
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

/**
 * The region under canvas (css) pixel (x, y), or null: the region the drawing shows at that device pixel, read from
 * the id buffer; before the view is drawn, or off the canvas, the polygon holding the point (regionHolding).
 */
export function regionAt(view, x, y) {
  const pixels = view.pixels;
  if (pixels) {
    const scale = pixels.width / SIZE, c = Math.floor(x * scale), r = Math.floor(y * scale);
    if (c >= 0 && c < pixels.width && r >= 0 && r < pixels.width && pixels.ids[r * pixels.width + c] >= 0)
      return pixels.ids[r * pixels.width + c];
  }
  return regionHolding(view, x / SIZE, (SIZE - y) / SIZE);
}

/** The first region whose polygon holds the point (u, v) (fractions of the box) by the crossing rule, or null. */
export function regionHolding(view, px, py) {
  const { starts, points } = view;
  for (let i = 0; i < view.regions; i++) {
    let inside = false;
    for (let k = starts[i], j = starts[i + 1] - 1; k < starts[i + 1]; j = k++) {
      const xk = points[2 * k], yk = points[2 * k + 1], xj = points[2 * j], yj = points[2 * j + 1];
      if ((yk > py) !== (yj > py) && px < (xj - xk) * (py - yk) / (yj - yk) + xk) inside = !inside;
    }
    if (inside) return i;
  }
  return null;
}
