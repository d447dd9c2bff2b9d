// Calls to the regions API: JSON in, JSON (or bytes) out; an error becomes an Error carrying the API's one-line message.
let token = '';

export function setToken(value) { token = value.trim(); }

function headers(type) {
  const h = { 'Content-Type': type };
  if (token) h.Authorization = `Bearer ${token}`;
  return h;
}

async function send(path, body, type, signal, method = 'POST') {
  const response = await fetch(path, { method, headers: headers(type), body, signal });
  if (response.ok) return response;
  let detail = `${response.status} ${response.statusText}`;
  try {
    const problem = await response.json();
    if (problem.detail) detail = problem.detail;
  } catch { /* not a problem document: the status says it */ }
  throw new Error(detail);
}

/** signal: an AbortSignal; aborting closes the request, which stops the server's enumeration too. */
export async function postJson(path, body, signal) {
  return (await send(path, JSON.stringify(body), 'application/json', signal)).json();
}

/** The network text as the server wrote it (constructions, imports): kept as text so nothing is re-rounded. */
export async function postForText(path, body, type = 'application/json') {
  return (await send(path, type === 'application/json' ? JSON.stringify(body) : body, type)).text();
}

/** The response itself, its body unread: the page times reading and parsing a view apart from waiting for it. */
export async function postForResponse(path, body, signal) {
  return send(path, JSON.stringify(body), 'application/json', signal);
}

export async function getJson(path, signal) {
  return (await send(path, undefined, 'application/json', signal, 'GET')).json();
}

export async function postForBlob(path, body, signal) {
  return (await send(path, JSON.stringify(body), 'application/json', signal)).blob();
}
