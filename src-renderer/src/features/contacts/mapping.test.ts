import { describe, expect, it } from 'vitest';
import { fieldNameFor, mappingFromRoles, rolesFromMapping, setRole, splitTags } from './mapping';

describe('import column mapping', () => {
  it('shows the preview guess as one role per column', () => {
    const roles = rolesFromMapping({ phone: 1, name: 0, tags: null, fields: { city: 3 } }, 4);
    expect(roles).toEqual([{ kind: 'name' }, { kind: 'phone' }, { kind: 'ignore' }, { kind: 'field', name: 'city' }]);
  });

  it('moving Phone to another column frees the old one', () => {
    const roles = setRole([{ kind: 'phone' }, { kind: 'ignore' }], 1, { kind: 'phone' });
    expect(roles).toEqual([{ kind: 'ignore' }, { kind: 'phone' }]);
  });

  it('several columns may be custom fields', () => {
    const roles = setRole([{ kind: 'field', name: 'a' }, { kind: 'ignore' }], 1, { kind: 'field', name: 'b' });
    expect(mappingFromRoles([{ kind: 'phone' }, ...roles])).toEqual({
      ok: true,
      mapping: { phone: 0, name: null, tags: null, fields: { a: 1, b: 2 } },
    });
  });

  it('says what to change when the mapping cannot import', () => {
    expect(mappingFromRoles([{ kind: 'name' }])).toEqual({
      ok: false,
      message: 'Choose which column holds the phone numbers.',
    });
    const twice = mappingFromRoles([{ kind: 'phone' }, { kind: 'field', name: 'x' }, { kind: 'field', name: 'x' }]);
    expect(twice).toEqual({ ok: false, message: 'Two columns are both the field "x"; rename one.' });
    expect(mappingFromRoles([{ kind: 'phone' }, { kind: 'field', name: ' ' }])).toMatchObject({ ok: false });
  });

  it('turns headers into field names templates accept', () => {
    expect(fieldNameFor('First order!')).toBe('first_order');
    expect(fieldNameFor('Name')).toBe('name_2');
    expect(fieldNameFor('***')).toBe('field');
  });

  it('splits typed tags', () => {
    expect(splitTags(' vip, spring sale;vip ,, ')).toEqual(['vip', 'spring sale']);
  });
});
