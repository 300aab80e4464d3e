import dump from './qapi-schema.json' with { type: 'json' };
import { buildCatalogue, type Catalogue } from './buildCatalogue.ts';
import { KNOWN_DEFAULTS } from './knownDefaults.ts';
import type { SchemaDump } from './qapi.ts';

/** The QAPI dump committed by `npm run schema` (QEMU 7.2 from Debian). */
export const schemaDump = dump as SchemaDump;

/** The driver catalogue of the QEMU build that the committed schema came from. */
export const catalogue: Catalogue = buildCatalogue(schemaDump, KNOWN_DEFAULTS);
