import type { FlowNode } from '../../../../src-shared/automations';

/** Where a node sits in a flow: the option indexes from the root. */
export type NodePath = readonly number[];

export const emptyNode = (label = ''): FlowNode => ({ label, reply: '', handoff: false, options: [] });

export const nodeAt = (root: FlowNode, path: NodePath): FlowNode | undefined =>
  path.reduce<FlowNode | undefined>((node, i) => node?.options[i], root);

/** A copy of the tree with the node at `path` replaced by `change(node)`. */
export const updateAt = (root: FlowNode, path: NodePath, change: (node: FlowNode) => FlowNode): FlowNode => {
  if (path.length === 0) return change(root);
  const [first = 0, ...rest] = path;
  return {
    ...root,
    options: root.options.map((option, i) => (i === first ? updateAt(option, rest, change) : option)),
  };
};

export const addOption = (root: FlowNode, path: NodePath, label: string): FlowNode =>
  updateAt(root, path, (node) => ({ ...node, options: [...node.options, emptyNode(label)] }));

export const removeAt = (root: FlowNode, path: NodePath): FlowNode => {
  const parentPath = path.slice(0, -1);
  const index = path[path.length - 1];
  return updateAt(root, parentPath, (node) => ({ ...node, options: node.options.filter((_, i) => i !== index) }));
};

/** Moves the option at `path` one place up (-1) or down (+1) in its menu; its number changes with it. */
export const moveAt = (root: FlowNode, path: NodePath, by: -1 | 1): FlowNode => {
  const index = path[path.length - 1] ?? 0;
  return updateAt(root, path.slice(0, -1), (node) => {
    const target = index + by;
    if (target < 0 || target >= node.options.length) return node;
    const options = [...node.options];
    const [moved] = options.splice(index, 1);
    if (moved) options.splice(target, 0, moved);
    return { ...node, options };
  });
};

/** What the engine says when a hand-over option has no reply of its own. */
export const HANDOFF_REPLY = 'Thanks! A person will answer you here soon.';

/** The menu as the customer will see it on WhatsApp (the engine renders it the same way). */
export const menuPreview = (node: FlowNode, nested: boolean): string => {
  if (node.handoff) return node.reply || HANDOFF_REPLY;
  // An answer without a sub-menu is sent as it is.
  if (node.options.length === 0) return node.reply || node.label;
  const lines = node.options.map((option, i) => `${i + 1}. ${option.label || '…'}`);
  if (nested) lines.push('0. Back');
  return [node.reply, '', ...lines].join('\n').trim();
};

export const depthOf = (node: FlowNode): number => 1 + Math.max(0, ...node.options.map(depthOf));

/** "1.2.1": how the editor names the option at `path`. */
export const numberOf = (path: NodePath): string => path.map((i) => i + 1).join('.');

/**
 * What to fix before saving, in the editor's words ("Option 1.2 needs a label."), or null. The
 * engine accepts blank labels, but a customer would read "2. " in the menu.
 */
export const flowProblem = (root: FlowNode): string | null => {
  if (root.options.length === 0) return 'Add at least one option to the menu.';
  const walk = (node: FlowNode, path: NodePath): string | null => {
    for (const [i, option] of node.options.entries()) {
      const own = [...path, i];
      if (option.label.trim() === '') return `Option ${numberOf(own)} needs a label.`;
      const below = walk(option, own);
      if (below) return below;
    }
    return null;
  };
  return walk(root, []);
};
