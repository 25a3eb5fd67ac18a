#!/usr/bin/env node
/**
 * Fails the build when the shell — what a county office PC loads before the first page appears: the
 * entry chunk, every chunk it imports statically, and its CSS — exceeds SHELL_BUDGET_GZIP_BYTES
 * compressed. Pages are lazy chunks and not counted; each is reported with its size.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const SHELL_BUDGET_GZIP_BYTES = 300 * 1024;
const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');

/** The shell's files from Vite's manifest: the entry and its static imports, transitively. */
export function shellFiles(manifest) {
  const entry = Object.entries(manifest).find(([, c]) => c.isEntry);
  if (!entry) throw new Error('no entry chunk in the manifest');
  const files = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imp of chunk.imports ?? []) visit(imp);
  };
  visit(entry[0]);
  return [...files];
}

export function gzipSize(file) {
  return gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

export function checkBudget(dist = DIST) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8'));
  const shell = shellFiles(manifest);
  const shellBytes = shell.reduce((n, f) => n + gzipSize(path.join(dist, f)), 0);
  const lazy = Object.values(manifest).filter((c) => c.isDynamicEntry).map((c) => ({ file: c.file, bytes: gzipSize(path.join(dist, c.file)) }));
  return { shell, shellBytes, lazy, ok: shellBytes <= SHELL_BUDGET_GZIP_BYTES };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = checkBudget();
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  process.stdout.write(`shell: ${kb(r.shellBytes)} gzip of ${kb(SHELL_BUDGET_GZIP_BYTES)} (${r.shell.join(', ')})\n`);
  for (const c of r.lazy.sort((a, b) => b.bytes - a.bytes)) process.stdout.write(`  page chunk ${c.file}: ${kb(c.bytes)}\n`);
  if (!r.ok) {
    process.stderr.write(`budget: the shell is ${kb(r.shellBytes)} gzip, over ${kb(SHELL_BUDGET_GZIP_BYTES)}: move code behind a lazy import\n`);
    process.exit(1);
  }
}
