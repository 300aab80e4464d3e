/**
 * QEMU 7.2's texts for what its QAPI input visitor refuses (qapi/qobject-input-visitor.c,
 * qapi/qapi-visit-core.c and the generated visitors), checked against qemu-storage-daemon and
 * qemu-system-x86_64. `name` is the full dotted name or, where QEMU passes only that, the bare
 * member name (`null` for a list element).
 */
export const QAPI_TEXT = {
  invalidType: (name: string, expected: string) => `Invalid parameter type for '${name}', expected: ${expected}`,
  unexpected: (name: string) => `Parameter '${name}' is unexpected`,
  missing: (name: string) => `Parameter '${name}' is missing`,
  badEnum: (name: string, value: string) => `Parameter '${name}' does not accept value '${value}'`,
  // keyval mode (-blockdev dotted, -object): every scalar is a string converted by the member's type
  expectsBool: (name: string) => `Parameter '${name}' expects 'on' or 'off'`,
  expectsInteger: (name: string) => `Parameter '${name}' expects integer`,
  expectsNumber: (name: string) => `Parameter '${name}' expects number`,
  unexpectedMembers: (name: string) => `Parameters '${name}.*' are unexpected`,
} as const;
