import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from './main.ts';

/** Runs `blockgraph ARGS` in-process and returns its exit status and output. */
export async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await main(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { status, stdout, stderr };
}

/** Writes `content` to a file `name` in a fresh temporary directory and returns its path. */
export async function file(name: string, content: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'blockgraph-cli-')), name);
  await writeFile(path, content);
  return path;
}

/** A fresh temporary directory holding `images` (relative path → first bytes); returns its path. */
export async function imageDir(images: Readonly<Record<string, Uint8Array>>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'blockgraph-images-'));
  for (const [name, bytes] of Object.entries(images)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), bytes);
  }
  return dir;
}
