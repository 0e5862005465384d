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
    expect(twice).toEqual({ ok: false, message: 'Two columns are both the field "x"; rename one.', column: 2 });
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

  it('takes field names with spaces, and says under the column what is wrong with a name', () => {
    expect(mappingFromRoles([{ kind: 'phone' }, { kind: 'field', name: ' favourite  cake ' }])).toEqual({
      ok: true,
      mapping: { phone: 0, name: null, tags: null, fields: { 'favourite cake': 1 } },
    });
    expect(mappingFromRoles([{ kind: 'phone' }, { kind: 'field', name: 'cake!' }])).toEqual({
      ok: false,
      message:
        '“cake!” cannot be a field name: use letters, digits, spaces and _ only (it becomes a {{variable}} in templates).',
      column: 1,
    });
  });

  it('keeps the first-name column as the given name, first of the name parts', () => {
    const guess = { phone: 0, name: null, tags: null, fields: {}, nameParts: [2, 1], givenName: 2 };
    const roles = rolesFromMapping(guess, 3);
    expect(roles).toEqual([{ kind: 'phone' }, { kind: 'name-part', rank: 1 }, { kind: 'given-name' }]);
    expect(mappingFromRoles(roles)).toEqual({ ok: true, mapping: guess });
  });
});
