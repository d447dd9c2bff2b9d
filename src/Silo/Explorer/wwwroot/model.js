// Where a network comes from: a construction of the papers (POST /constructions/{name}) or a file the user picks,
// pwl-network/1 JSON as is, anything else sent to POST /import as ONNX. Also the architecture the bounds need.
import { postForText } from './api.js';

export async function construction(name, inputs, widths, rank, seed) {
  const body = { inputs, widths, seed };
  if (rank) body.rank = rank;
  return JSON.parse(await postForText(`/constructions/${encodeURIComponent(name)}`, body));
}

export async function fromFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length === 0) throw new Error(`${file.name}: the file is empty`);
  // JSON starts with '{' (after white space); ONNX is protobuf, which never starts with it.
  const first = bytes.find(b => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
  if (first === 0x7b) {
    try {
      return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch (e) {
      throw new Error(`${file.name}: not valid JSON: ${e.message}`);
    }
  }
  try {
    return JSON.parse(await postForText('/import', bytes, 'application/octet-stream'));
  } catch (e) {
    throw new Error(`${file.name}: ${e.message}`);
  }
}

/** Inputs, hidden widths, maxout rank and outputs, as POST /bounds takes them. */
export function architecture(network) {
  const layers = network.layers ?? [];
  const units = layer => (layer.weights?.length ?? 0) / (layer.activation === 'maxout' ? layer.rank : 1);
  const hidden = layers.slice(0, -1);
  const maxout = hidden.find(l => l.activation === 'maxout');
  return {
    inputs: network.inputs,
    widths: hidden.map(units),
    rank: maxout ? maxout.rank : undefined,
    outputs: layers.length ? (layers[layers.length - 1].weights?.length ?? 1) : 1,
  };
}

/** Layers that have units, numbered from 1 as --layer numbers them. */
export function piecewiseLayers(network) {
  return (network.layers ?? []).map((l, i) => ({ number: i + 1, piecewise: l.activation !== 'linear' })).filter(l => l.piecewise);
}
