/**
 * Builds the resident page into dist/: index.html, assets/app.<hash>.js and assets/app.<hash>.css.
 * The gateway serves dist/ under /r/, the hashed assets cached for a year and index.html revalidated
 * on every visit, so a new build reaches phones at once and an unchanged one costs a 304.
 *
 *   node build.ts            (npm run build; Node 24 runs TypeScript as it is)
 *
 * Fails when the three files together exceed the size budget: the page is opened on cheap phones
 * over slow 3G, where every kilobyte is felt.
 */
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_OUTDIR = path.join(ROOT, 'dist');
/** JS + CSS + HTML, gzipped: ~6 s at 3G's worst ~40 kbit/s, well under a second at typical 3G. */
export const BUDGET_GZIP_BYTES = 30 * 1024;
/**
 * Browsers of the phones residents carry: Android WebView/Chrome (WeChat's built-in browser is one)
 * and iOS Safari of about 2020. Safari before 14.1 would need destructuring rewritten, which esbuild
 * does not do; iOS 14.5 runs on every iPhone since the 6s.
 */
export const BROWSER_TARGETS = ['chrome80', 'safari14.1', 'ios14.5', 'firefox78', 'edge88'];
const ASSETS = 'assets';

export interface BuiltFile {
  /** Path under the output folder, e.g. assets/app.3F2A1B9C.js. */
  name: string;
  bytes: number;
  gzipBytes: number;
}

export interface BuildReport {
  outdir: string;
  files: BuiltFile[];
  totalGzipBytes: number;
}

export class BudgetExceeded extends Error {}

export async function buildResidentWeb({ outdir = DEFAULT_OUTDIR }: { outdir?: string } = {}): Promise<BuildReport> {
  fs.rmSync(outdir, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [
      { in: 'src/page.ts', out: 'app' },
      { in: 'src/styles.css', out: 'app' },
    ],
    outdir: path.join(outdir, ASSETS),
    entryNames: '[name].[hash]',
    bundle: true,
    // No module loader needed: one classic script, run once the document is parsed (defer).
    format: 'iife',
    target: BROWSER_TARGETS,
    minify: true,
    // Chinese text as UTF-8 rather than \u escapes: a third of the bytes (served with charset=utf-8).
    charset: 'utf8',
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((file) => path.relative(outdir, path.resolve(ROOT, file)).split(path.sep).join('/'));
  const js = outputs.find((f) => f.endsWith('.js'));
  const css = outputs.find((f) => f.endsWith('.css'));
  if (!js || !css) throw new Error(`esbuild wrote ${outputs.join(', ')}: expected one .js and one .css`);

  const template = fs.readFileSync(path.join(ROOT, 'src', 'index.html'), 'utf8');
  const html = template.replace('{{app.js}}', js).replace('{{app.css}}', css);
  if (/\{\{[^}]*\}\}/.test(html)) throw new Error('src/index.html has a placeholder the build does not fill');
  fs.writeFileSync(path.join(outdir, 'index.html'), html);

  const files = ['index.html', js, css].map((name): BuiltFile => {
    const content = fs.readFileSync(path.join(outdir, name));
    return { name, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  const totalGzipBytes = files.reduce((sum, f) => sum + f.gzipBytes, 0);
  if (totalGzipBytes > BUDGET_GZIP_BYTES) {
    throw new BudgetExceeded(`the resident page is ${totalGzipBytes} bytes gzipped, over its budget of ${BUDGET_GZIP_BYTES}: ${files.map((f) => `${f.name} ${f.gzipBytes}`).join(', ')}`);
  }
  return { outdir, files, totalGzipBytes };
}

if (import.meta.main) {
  try {
    const report = await buildResidentWeb();
    for (const f of report.files) console.log(`${f.name.padEnd(32)} ${String(f.bytes).padStart(7)} B  ${String(f.gzipBytes).padStart(6)} B gzipped`);
    console.log(`total ${report.totalGzipBytes} B gzipped (budget ${BUDGET_GZIP_BYTES} B) in ${path.relative(process.cwd(), report.outdir) || '.'}`);
  } catch (err) {
    console.error(`resident-web build: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
