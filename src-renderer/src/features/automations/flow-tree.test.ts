import { describe, expect, it } from 'vitest';
import {
  addOption,
  depthOf,
  emptyNode,
  flowProblem,
  HANDOFF_REPLY,
  menuPreview,
  moveAt,
  nodeAt,
  numberOf,
  removeAt,
  updateAt,
} from './flow-tree';

describe('the menu flow editor’s tree', () => {
  it('adds, edits and removes options at any depth without touching the rest', () => {
    let root = { ...emptyNode(), reply: 'How can we help?' };
    root = addOption(root, [], 'Prices');
    root = addOption(root, [], 'Hours');
    root = addOption(root, [0], 'Coffee');
    root = updateAt(root, [0, 0], (n) => ({ ...n, reply: '£2' }));
    expect(nodeAt(root, [0, 0])).toMatchObject({ label: 'Coffee', reply: '£2' });
    expect(depthOf(root)).toBe(3);
    root = removeAt(root, [0]);
    expect(root.options.map((o) => o.label)).toEqual(['Hours']);
  });

  it('previews a menu as WhatsApp shows it, with Back below the top level', () => {
    const root = addOption(addOption({ ...emptyNode(), reply: 'Pick one' }, [], 'Prices'), [], '');
    expect(menuPreview(root, false)).toBe('Pick one\n\n1. Prices\n2. …');
    expect(menuPreview(root, true)).toBe('Pick one\n\n1. Prices\n2. …\n0. Back');
    expect(menuPreview({ ...emptyNode('Hours'), reply: '9–18' }, true)).toBe('9–18');
  });

  it('moves an option up or down within its own menu only', () => {
    let root = addOption(addOption(addOption(emptyNode(), [], 'A'), [], 'B'), [], 'C');
    root = moveAt(root, [2], -1);
    expect(root.options.map((o) => o.label)).toEqual(['A', 'C', 'B']);
    root = moveAt(root, [0], -1);
    expect(root.options.map((o) => o.label)).toEqual(['A', 'C', 'B']);
    root = moveAt(root, [0], 1);
    expect(root.options.map((o) => o.label)).toEqual(['C', 'A', 'B']);
  });

  it('previews a hand-over with the engine’s own words when it has no reply', () => {
    expect(menuPreview({ ...emptyNode('Talk to a person'), handoff: true }, true)).toBe(HANDOFF_REPLY);
  });

  it('names options by their numbers and asks for a label before saving', () => {
    expect(numberOf([0, 1, 0])).toBe('1.2.1');
    expect(flowProblem(emptyNode())).toMatch(/at least one option/);
    const root = addOption(addOption(addOption(emptyNode(), [], 'Prices'), [], 'Hours'), [1], '');
    expect(flowProblem(root)).toBe('Option 2.1 needs a label.');
    expect(flowProblem(updateAt(root, [1, 0], (n) => ({ ...n, label: 'Weekdays' })))).toBeNull();
  });
});
