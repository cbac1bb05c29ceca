/**
 * Mermaid node ids for the topology, injective in (kind, namespace, name).
 *
 * Mermaid ids are safest as `[A-Za-z0-9_]` (a "-" can start an arrow, other punctuation ends the
 * id), so names are escaped rather than flattened: replacing punctuation with "_" merged `a-b`
 * with `a.b`, and `ns-a`/`b` with `ns`/`a-b`. Letters and digits stay; every other UTF-16 code
 * unit becomes "_" and a letter ("_h" hyphen, "_d" dot, "_u" underscore, "_x" and four hex
 * digits for the rest); the parts are joined with "__", which no escape starts with. Reading
 * left to right recovers the parts, so distinct inputs give distinct ids.
 */
export function topologyNodeId(kind: string, namespace: string, name: string): string {
  return [kind, namespace, name].map(escapeIdPart).join('__');
}

const SHORT: { readonly [char: string]: string } = { '-': '_h', '.': '_d', '_': '_u' };

function escapeIdPart(part: string): string {
  let out = '';
  for (let i = 0; i < part.length; i++) {
    const c = part[i];
    if (/[A-Za-z0-9]/.test(c)) out += c;
    else out += SHORT[c] ?? `_x${part.charCodeAt(i).toString(16).padStart(4, '0')}`;
  }
  return out;
}
