/**
 * Writes QEMU's QAPI introspection (`query-qmp-schema`) from the installed qemu-storage-daemon
 * to src/model/schema/qapi-schema.json, with the QEMU version that produced it.
 * Run with `npm run schema`; commit the result.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { QmpSession } from '../src/cli/qemu/qmpSession.ts';

const target = fileURLToPath(new URL('../src/model/schema/qapi-schema.json', import.meta.url));

const session = await QmpSession.start({
  argv: ['qemu-storage-daemon', '--chardev', 'stdio,id=m', '--monitor', 'chardev=m'],
});
try {
  const version = (await session.query({ execute: 'query-version' })) as {
    qemu: { major: number; minor: number; micro: number };
    package: string;
  };
  const schema = await session.query({ execute: 'query-qmp-schema' });
  const { major, minor, micro } = version.qemu;
  const document = {
    source: 'qemu-storage-daemon query-qmp-schema',
    qemu: { version: `${String(major)}.${String(minor)}.${String(micro)}`, package: version.package.trim() },
    schema,
  };
  // One entity per line keeps diffs between QEMU versions readable.
  const entities = (schema as unknown[]).map((entity) => JSON.stringify(entity)).join(',\n    ');
  const text = `{\n  "source": ${JSON.stringify(document.source)},\n  "qemu": ${JSON.stringify(document.qemu)},\n  "schema": [\n    ${entities}\n  ]\n}\n`;
  writeFileSync(target, text);
  console.log(`wrote ${target} (QEMU ${document.qemu.version}, ${String((schema as unknown[]).length)} entities)`);
} finally {
  await session.close();
}
