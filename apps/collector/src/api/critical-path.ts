/** A node of a trace tree, whichever view it comes from (times in epoch ms). */
export interface TimedNode {
  id: string;
  parentId?: string;
  start: number;
  end: number;
}

/**
 * The critical path of a trace tree, root first: from the root, repeatedly
 * the child that ends last among those that end within their parent (a child
 * that outlives its parent, fire-and-forget, did not hold the parent up). The
 * walk stops where the parent's own time is what ends it: no child ends within it.
 * The root is the earliest node whose parent is not in the tree.
 */
export function criticalPath(nodes: TimedNode[]): string[] {
  const ids = new Set(nodes.map((node) => node.id));
  const children = new Map<string, TimedNode[]>();
  for (const node of nodes)
    if (node.parentId !== undefined && ids.has(node.parentId)) {
      const siblings = children.get(node.parentId);
      if (siblings) siblings.push(node);
      else children.set(node.parentId, [node]);
    }
  const roots = nodes.filter((node) => node.parentId === undefined || !ids.has(node.parentId));
  let current = roots.sort((a, b) => a.start - b.start || b.end - a.end)[0];
  const path: string[] = [];
  const seen = new Set<string>();
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.push(current.id);
    const parent: TimedNode = current;
    const within = (children.get(parent.id) ?? []).filter((child) => child.end <= parent.end + 0.001);
    current = within.sort((a, b) => b.end - a.end || a.start - b.start)[0];
  }
  return path;
}
