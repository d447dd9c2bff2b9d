// A view's regions rasterised by the page itself, at the canvas's device resolution: which region each pixel shows (an
// id buffer), then the pixels' colours. Canvas2D filled and stroked 10^4 paths in ~40 ms and rasterised them in the
// next frame in ~30 ms more; a scanline pass over convex polygons and one pass over the pixels take a few ms, and the
// id buffer answers "which region is under the pointer" in O(1).
//
// Coordinates: the server's points are (u, v) fractions of the box; device pixel (column c, row r) has its centre at
// X = c + 0.5, Y = r + 0.5 with X = u * width and Y = (1 - v) * width (v grows upwards, rows downwards).

/**
 * Fills ids (width x width, row 0 at the top) with each device pixel's region: the one whose polygon holds the pixel's
 * centre. A region thinner than a pixel may hold no centre and then shows nowhere (its neighbours cover its pixels).
 * Where float32 rounding leaves a pixel in no polygon (a centre on a shared edge whose two copies differ by an ulp) the
 * pixel takes its left (else upper) neighbour's region, so every pixel shows a region.
 */
export function regionIds(view, width, ids) {
  ids.fill(-1);
  const scratch = { left: new Float64Array(width), right: new Float64Array(width) };
  for (let i = 0; i < view.regions; i++) fillPolygon(ids, width, view, i, scratch);
  fillGaps(ids, width);
}

/**
 * Sets to i the pixels whose centres lie in convex polygon i, half-open ([left, right) along a row, [top, bottom) down a
 * column) so that a centre on an edge two polygons share goes to exactly one of them.
 */
function fillPolygon(ids, width, view, i, { left, right }) {
  const { starts, points } = view;
  const first = starts[i], last = starts[i + 1] - 1;
  let top = Infinity, bottom = -Infinity;
  for (let k = first; k <= last; k++) {
    const y = (1 - points[2 * k + 1]) * width;
    top = Math.min(top, y); bottom = Math.max(bottom, y);
  }
  const r0 = Math.max(0, Math.ceil(top - 0.5)), r1 = Math.min(width, Math.ceil(bottom - 0.5));
  if (r0 >= r1) return;
  left.fill(Infinity, r0, r1);
  right.fill(-Infinity, r0, r1);
  for (let k = first, j = last; k <= last; j = k++) edgeRows(left, right, width, points, j, k);
  // A loop, not ids.fill: spans are a few pixels long, and a call per span cost more than the span (measured).
  for (let r = r0; r < r1; r++) {
    const c0 = Math.max(0, Math.ceil(left[r] - 0.5)), c1 = Math.min(width, Math.ceil(right[r] - 0.5));
    for (let p = r * width + c0, end = r * width + c1; p < end; p++) ids[p] = i;
  }
}

/**
 * Widens each row's [left, right] span by where the edge from point j to point k crosses the row's centre line. The
 * crossing is computed from the edge's upper end whichever way the polygon runs, so two polygons whose copies of an
 * edge have the same end points get the same x, bit for bit, and their half-open spans neither overlap nor leave a gap.
 */
function edgeRows(left, right, width, points, j, k) {
  const yj = (1 - points[2 * j + 1]) * width, yk = (1 - points[2 * k + 1]) * width;
  if (yj === yk) return;
  const upper = yj < yk ? j : k, lower = yj < yk ? k : j;
  const xa = points[2 * upper] * width, ya = Math.min(yj, yk), xb = points[2 * lower] * width, yb = Math.max(yj, yk);
  const slope = (xb - xa) / (yb - ya);
  const r0 = Math.max(0, Math.ceil(ya - 0.5)), r1 = Math.min(width, Math.ceil(yb - 0.5));
  for (let r = r0; r < r1; r++) {
    const x = xa + (r + 0.5 - ya) * slope;
    if (x < left[r]) left[r] = x;
    if (x > right[r]) right[r] = x;
  }
}

/**
 * Gives each pixel no polygon holds its left neighbour's region, else its upper neighbour's (see regionIds); gaps at the
 * start of the top row, which have neither, take the first region after them.
 */
function fillGaps(ids, width) {
  for (let p = 0; p < ids.length; p++) {
    if (ids[p] >= 0) continue;
    if (p % width > 0) ids[p] = ids[p - 1];
    else if (p >= width) ids[p] = ids[p - width];
  }
  const first = ids.findIndex(id => id >= 0);
  if (first > 0) ids.fill(ids[first], 0, first);
}

// Pixels and colours are RGBA bytes read as one int32, little-endian as typed arrays are on every platform a browser
// runs on: alpha in the top byte, red in the bottom one; one store per pixel instead of four.
/** The outline's colour, #282828. */
const OUTLINE = 0xff282828 | 0;

/**
 * Writes the picture into pixels (the ImageData's bytes as an Int32Array): each pixel its region's colour, or the
 * outline colour where the pixel to its right or below shows a region of another key. Outlines are one device pixel
 * wide, on the left / upper side of a boundary, not antialiased (Canvas2D stroked 0.8 css px, antialiased).
 */
export function paint(pixels, ids, width, colours, keys) {
  for (let r = 0; r < width; r++) {
    const row = r * width, last = row + width - 1, below = r + 1 < width ? width : 0;
    for (let p = row; p <= last; p++) {
      const id = ids[p];
      // Keys are looked up only where the region changes: most neighbours show the same region.
      const right = p < last ? ids[p + 1] : id, under = ids[p + below];
      const edge = (right !== id && keys[right] !== keys[id]) || (under !== id && keys[under] !== keys[id]);
      pixels[p] = edge ? OUTLINE : colours[id];
    }
  }
}

/** Each region's colour as an opaque RGBA int32 (see OUTLINE), from the server's r g b bytes. */
export function packedColours(rgb, regions) {
  const out = new Int32Array(regions);
  for (let i = 0; i < regions; i++) out[i] = 0xff000000 | (rgb[3 * i + 2] << 16) | (rgb[3 * i + 1] << 8) | rgb[3 * i];
  return out;
}

/**
 * What decides an outline between two regions: their key. The answer does not carry keys; when every region has a key
 * of its own (no boundaries sent) the key is the region's id, else its colour, which the server derives from the key
 * (two neighbouring keys of one 24-bit colour would show no outline between them, as they show no change of colour).
 */
export function outlineKeys(view, colours) {
  if (view.boundaries !== null) return colours;
  const ids = new Int32Array(view.regions);
  for (let i = 0; i < ids.length; i++) ids[i] = i;
  return ids;
}
