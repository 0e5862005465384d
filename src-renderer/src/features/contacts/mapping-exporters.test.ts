import { describe, expect, it } from 'vitest';
import type { ImportMapping } from '../../../../src-shared/contacts';
import { mappingFromRoles, rolesFromMapping, setRole } from './mapping';

/** A guess for Google's export: Phone 1/2 with their labels, a name in parts, the company. */
const google: ImportMapping = {
  phone: 5,
  phoneLabel: 4,
  morePhones: [{ column: 7, label: 6 }],
  name: null,
  nameParts: [1, 0],
  organisation: 2,
  tags: 3,
  fields: { email: 8 },
};

describe('the column mapping of an exporter’s file', () => {
  it('shows every column’s part and gives back the same mapping', () => {
    const roles = rolesFromMapping(google, 9);
    expect(roles.map((r) => r.kind)).toEqual([
      'name-part',
      'name-part',
      'organisation',
      'tags',
      'phone-kind',
      'phone',
      'phone-kind',
      'phone-more',
      'field',
    ]);
    expect(mappingFromRoles(roles)).toEqual({ ok: true, mapping: google });
  });

  it('puts numbers and name parts the person adds after the guessed ones, a kind with the phone on its right', () => {
    let roles = rolesFromMapping(google, 11);
    roles = setRole(roles, 9, { kind: 'phone-kind' });
    roles = setRole(roles, 10, { kind: 'phone-more' });
    roles = setRole(roles, 8, { kind: 'name-part' });
    const mapped = mappingFromRoles(roles);
    expect(mapped).toMatchObject({
      ok: true,
      mapping: {
        morePhones: [
          { column: 7, label: 6 },
          { column: 10, label: 9 },
        ],
        nameParts: [1, 0, 8],
        fields: {},
      },
    });
  });

  it('forgets a kind whose phone column became something else, and keeps one company', () => {
    let roles = rolesFromMapping(google, 9);
    roles = setRole(roles, 7, { kind: 'ignore' });
    roles = setRole(roles, 8, { kind: 'organisation' });
    const mapped = mappingFromRoles(roles);
    expect(mapped.ok && mapped.mapping).toMatchObject({ phone: 5, phoneLabel: 4, organisation: 8 });
    expect(mapped.ok && mapped.mapping.morePhones).toBeUndefined();
    expect(roles[2]).toEqual({ kind: 'ignore' });
  });
});
