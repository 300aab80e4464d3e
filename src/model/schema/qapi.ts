/**
 * The shape of QEMU's QAPI introspection (`query-qmp-schema`, qapi/introspect.json), as far as
 * blockgraph reads it. Type names are masked by QEMU (numbers as strings), so entities are found
 * by following command argument types, never by name.
 */
export interface SchemaMember {
  name: string;
  type: string;
  /** Present (always `null` in QEMU 7.2) when the member is optional. */
  default?: null;
  features?: string[];
}

export interface SchemaVariant {
  case: string;
  type: string;
}

export type SchemaEntity =
  | { 'meta-type': 'builtin'; name: string; 'json-type': string }
  | { 'meta-type': 'enum'; name: string; values: string[]; members?: { name: string; features?: string[] }[] }
  | { 'meta-type': 'array'; name: string; 'element-type': string }
  | {
      'meta-type': 'object';
      name: string;
      members: SchemaMember[];
      tag?: string;
      variants?: SchemaVariant[];
      features?: string[];
    }
  | { 'meta-type': 'alternate'; name: string; members: { type: string }[] }
  | { 'meta-type': 'command'; name: string; 'arg-type': string; 'ret-type': string; features?: string[] }
  | { 'meta-type': 'event'; name: string; 'arg-type': string };

/** The committed file written by `npm run schema`. */
export interface SchemaDump {
  source: string;
  qemu: { version: string; package: string };
  schema: SchemaEntity[];
}
