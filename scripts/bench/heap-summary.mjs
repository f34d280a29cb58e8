// What a V8 heap snapshot holds, as DevTools' "Summary" view groups it: shallow size and count
// by constructor (objects, closures) or by kind (strings, arrays, code, ...). Written here
// because v8-heapsnapshot, the parser on npm, refuses Node 24's snapshots (its check of
// meta.node_fields against meta.node_types fails). The layout is read from the snapshot's own
// meta block: nodes are a flat array of `node_fields.length` numbers each, names an index
// into `strings`, the type an index into `node_types[0]`.
import { readFile } from 'node:fs/promises';

/** Kinds whose nodes are grouped under their constructor's name rather than the kind. */
const NAMED_KINDS = new Set(['object', 'closure', 'native']);

/**
 * @param {object} snapshot the parsed .heapsnapshot JSON
 * @returns {{ totalBytes: number, groups: { name: string, bytes: number, count: number }[] }} largest first
 */
export function summarizeHeap(snapshot) {
  const { node_fields: fields, node_types: types } = snapshot.snapshot.meta;
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field));
  if (typeAt < 0 || nameAt < 0 || sizeAt < 0)
    throw new Error('heap snapshot: node_fields lacks type, name or self_size');
  const kinds = types[typeAt];
  const { nodes, strings } = snapshot;
  const groups = new Map();
  let totalBytes = 0;
  for (let at = 0; at + width <= nodes.length; at += width) {
    const kind = kinds[nodes[at + typeAt]];
    const bytes = nodes[at + sizeAt];
    const name = NAMED_KINDS.has(kind)
      ? `${strings[nodes[at + nameAt]] || '(anonymous)'}${kind === 'closure' ? '()' : ''}`
      : `(${kind})`;
    const group = groups.get(name) ?? { name, bytes: 0, count: 0 };
    group.bytes += bytes;
    group.count += 1;
    groups.set(name, group);
    totalBytes += bytes;
  }
  return { totalBytes, groups: [...groups.values()].sort((a, b) => b.bytes - a.bytes) };
}

/** summarizeHeap of a .heapsnapshot file. */
export async function summarizeHeapFile(file) {
  return summarizeHeap(JSON.parse(await readFile(file, 'utf8')));
}
