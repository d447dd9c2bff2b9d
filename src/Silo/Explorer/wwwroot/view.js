// Draws one exact view into the SVG: a path per region (filled with the colour the server sends, the map's own
// PatternColours rule), the boundaries between regions of the partition, and the zero set of an output.
export const SIZE = 720;

export function toScreen(box, u, v) {
  const [u0, u1, v0, v1] = box;
  return [(u - u0) / (u1 - u0) * SIZE, SIZE - (v - v0) / (v1 - v0) * SIZE];
}

export function toPlane(box, x, y) {
  const [u0, u1, v0, v1] = box;
  return [u0 + x / SIZE * (u1 - u0), v0 + (SIZE - y) / SIZE * (v1 - v0)];
}

const fixed = x => Math.round(x * 100) / 100;

function segments(box, list) {
  let d = '';
  for (const [a, b, c, e] of list) {
    const [x0, y0] = toScreen(box, a, b), [x1, y1] = toScreen(box, c, e);
    d += `M${fixed(x0)} ${fixed(y0)}L${fixed(x1)} ${fixed(y1)}`;
  }
  return d;
}

/** Replaces the SVG's content with the view; one string of markup, so the browser lays it out once. */
export function draw(svg, view) {
  const box = view.box;
  const parts = [`<g class="regions">`];
  for (const r of view.regions) {
    let d = '';
    for (let i = 0; i < r.polygon.length; i += 2) {
      const [x, y] = toScreen(box, r.polygon[i], r.polygon[i + 1]);
      d += `${i ? 'L' : 'M'}${fixed(x)} ${fixed(y)}`;
    }
    parts.push(`<path class="region" data-id="${r.id}" fill="${r.colour}" stroke="${r.colour}" d="${d}Z"/>`);
  }
  parts.push(`</g><path class="boundaries" d="${segments(box, view.boundaries)}"/>`);
  if (view.zero.length) parts.push(`<path class="zero" d="${segments(box, view.zero)}"/>`);
  svg.innerHTML = parts.join('');
}
