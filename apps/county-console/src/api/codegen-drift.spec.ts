// @vitest-environment node
/**
 * The typed client must match the committed gateway schema and the pages' .graphql documents: county
 * frontends generate theirs the same way, so a drift here means the console was built on a schema that
 * is not the one it talks to. Fix with `npm run codegen -w @gov/county-console`.
 */
import { generate } from '@graphql-codegen/cli';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function committedGenerated(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.generated.ts')).map((f) => path.join(dir, f));
}

describe('generated GraphQL client', () => {
  it('is what codegen writes from apps/gateway/schema.graphql and the .graphql documents', async () => {
    const cwd = process.cwd();
    process.chdir(ROOT);
    let outputs: { filename: string; content: string }[];
    try {
      outputs = await generate({ ...config, silent: true }, false);
    } finally {
      process.chdir(cwd);
    }
    expect(outputs.length).toBeGreaterThan(1);
    for (const out of outputs) {
      const file = path.resolve(ROOT, out.filename);
      const onDisk = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '(missing)';
      expect({ file: path.relative(ROOT, file), content: onDisk }).toEqual({ file: path.relative(ROOT, file), content: out.content });
    }
    // A .generated.ts whose document was deleted would keep compiling against a schema that moved on.
    const expected = new Set(outputs.map((o) => path.resolve(ROOT, o.filename)));
    const stray = committedGenerated(path.join(ROOT, 'src')).filter((f) => !expected.has(f));
    expect(stray).toEqual([]);
  }, 60_000);
});
