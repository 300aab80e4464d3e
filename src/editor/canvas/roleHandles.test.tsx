import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../model/index.ts';
import { missingRoles, portLabel, roleHandleId, roleOfHandle, rolePorts, rolesByParent } from './roleHandles.ts';

describe('rolePorts', () => {
  it('gives a qcow2 node file (required), backing and data-file (optional), from the QAPI schema', () => {
    const ports = rolePorts('qcow2', []);
    expect(ports.map((p) => [p.role, p.required, p.filled, p.missing])).toEqual([
      ['file', true, false, true],
      ['backing', false, false, false],
      ['data-file', false, false, false],
    ]);
    expect(missingRoles(ports)).toEqual(['file']);
    // The driver table says what each role is to QEMU (BdrvChildRole).
    expect(ports.map((p) => p.flags)).toEqual(['data | metadata | primary', 'cow', 'data']);
    expect(missingRoles(rolePorts('qcow2', ['file']))).toEqual([]);
  });

  it('grows a list role: one handle per child by index, then a free "add" handle', () => {
    const ports = rolePorts('quorum', ['children.2', 'children.0']);
    expect(ports.map((p) => [p.handleId, p.filled, p.adds])).toEqual([
      ['role:children.0', true, false],
      ['role:children.2', true, false],
      ['role:children', false, true],
    ]);
    expect(missingRoles(rolePorts('quorum', []))).toEqual(['children']);
    expect(missingRoles(ports)).toEqual([]);
  });

  it('has no ports for a driver without children, and keeps roles the driver lacks', () => {
    expect(rolePorts('null-co', [])).toEqual([]);
    const odd = rolePorts('file', ['backing']);
    expect(odd.map((p) => [p.role, p.unknown])).toEqual([['backing', true]]);
  });

  it('has, for every driver of the catalogue, one port per child member with the schema’s required-ness', () => {
    for (const [driver, schema] of Object.entries(catalogue.drivers)) {
      const ports = rolePorts(driver, []);
      expect(ports.map((p) => p.member)).toEqual(schema.children.map((c) => c.name));
      expect(ports.map((p) => p.required)).toEqual(schema.children.map((c) => c.required));
      expect(ports.every((p) => p.adds === schema.children.some((c) => c.name === p.member && c.list))).toBe(true);
    }
  });

  it('returns the same array for the same handles, whatever the order of the roles', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(['children.0', 'children.1', 'children.5']), (roles) => {
        const a = rolePorts('quorum', roles);
        const b = rolePorts('quorum', [...roles].reverse());
        expect(a).toBe(b);
        expect(a.filter((p) => p.filled)).toHaveLength(roles.length);
      }),
      { seed: 5, numRuns: 40 },
    );
  });
});

describe('role handle ids and labels', () => {
  it('round-trips a role through its handle id and tells other handles apart', () => {
    expect(roleOfHandle(roleHandleId('children.3'))).toBe('children.3');
    expect(roleOfHandle('children')).toBeUndefined();
    expect(roleOfHandle(null)).toBeUndefined();
  });

  it('labels each state', () => {
    const [file, backing] = rolePorts('qcow2', []);
    expect(file && portLabel(file)).toBe('file: required, empty');
    expect(backing && portLabel(backing)).toBe('backing: optional, empty');
    const [raw] = rolePorts('raw', ['file']);
    expect(raw && portLabel(raw)).toBe('file: connected');
    expect(rolePorts('quorum', []).map(portLabel)).toEqual(['children: add a child (required, none yet)']);
  });

  it('indexes the roles of each parent in document order', () => {
    const index = rolesByParent([
      { parent: 'a', role: 'file', child: 'b', mode: 'inline' },
      { parent: 'q', role: 'children.1', child: 'b', mode: 'reference' },
      { parent: 'a', role: 'backing', child: 'c', mode: 'inline' },
    ]);
    expect(index.get('a')).toEqual(['file', 'backing']);
    expect(index.get('q')).toEqual(['children.1']);
  });
});
