import { Controller, Get, Module, Param, Res, type DynamicModule } from '@nestjs/common';
import type { Response } from 'express';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * GraphiQL for development (never in production), served whole from this gateway: the page, React,
 * ReactDOM and GraphiQL's own bundle and styles come from the project's pinned packages (graphiql,
 * react, react-dom), never from a CDN, so it works on a network cut off from the internet.
 * Apollo's own landing page (which loads from the internet) is off: GET /graphql in a browser is a 400.
 */
export const GRAPHIQL_PATH = '/graphiql';

/** The files the page loads, by the name it asks for, and where each comes from in node_modules. */
const ASSETS = {
  'react.production.min.js': { pkg: 'react', file: 'umd/react.production.min.js' },
  'react-dom.production.min.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js' },
  'graphiql.min.js': { pkg: 'graphiql', file: 'graphiql.min.js' },
  'graphiql.min.css': { pkg: 'graphiql', file: 'graphiql.min.css' },
} as const;
type AssetName = keyof typeof ASSETS;

/** Where the build copies the assets (apps/gateway/dist/graphiql/), so the image needs no dev packages. */
const BUILT_DIR = fileURLToPath(new URL('./graphiql/', import.meta.url));

/** Starts GraphiQL in the page: same-origin fetches to /graphql, subscriptions over graphql-ws on the same path. */
const INIT_JS = `(function () {
  var root = document.getElementById('graphiql');
  var url = root.getAttribute('data-endpoint');
  var fetcher = GraphiQL.createFetcher({ url: url, subscriptionUrl: location.origin.replace(/^http/, 'ws') + url });
  ReactDOM.createRoot(root).render(React.createElement(GraphiQL, { fetcher: fetcher, defaultEditorToolsVisibility: true, shouldPersistHeaders: true, isHeadersEditorEnabled: true }));
})();
`;

const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>GraphiQL · gov-platform</title>
<link rel="stylesheet" href="${GRAPHIQL_PATH}/graphiql.min.css">
<style>body{margin:0;overflow:hidden}#graphiql{height:100vh}</style>
</head>
<body>
<div id="graphiql" data-endpoint="/graphql">Loading…</div>
<script src="${GRAPHIQL_PATH}/react.production.min.js"></script>
<script src="${GRAPHIQL_PATH}/react-dom.production.min.js"></script>
<script src="${GRAPHIQL_PATH}/graphiql.min.js"></script>
<script src="${GRAPHIQL_PATH}/init.js"></script>
</body>
</html>
`;

/**
 * Only this origin: GraphiQL's editors add inline styles (hence 'unsafe-inline' for styles only);
 * connect-src 'self' covers the same-origin WebSocket of subscriptions.
 */
const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** An asset's file: the built copy beside this module, else the package in node_modules (tests run from src/); null when neither. */
export function graphiqlAssetFile(name: AssetName): string | null {
  const built = path.join(BUILT_DIR, name);
  if (fs.existsSync(built)) return built;
  const { pkg, file } = ASSETS[name];
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`));
    const source = path.join(dir, file);
    return fs.existsSync(source) ? source : null;
  } catch {
    return null;
  }
}

/** Copies the assets into `dir` (the build's dist/graphiql/); throws when a package is missing. */
export function copyGraphiqlAssets(dir: string = BUILT_DIR): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const name of Object.keys(ASSETS) as AssetName[]) {
    const from = graphiqlAssetFile(name);
    if (!from) throw new Error(`GraphiQL asset ${name} not found: npm ci installs ${ASSETS[name].pkg}`);
    if (path.resolve(from) !== path.resolve(dir, name)) fs.copyFileSync(from, path.join(dir, name));
  }
}

const isAsset = (name: string): name is AssetName => Object.hasOwn(ASSETS, name);

@Controller(GRAPHIQL_PATH.slice(1))
export class GraphiqlController {
  @Get()
  page(@Res() res: Response): void {
    res.setHeader('content-security-policy', PAGE_CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('cache-control', 'no-cache');
    res.type('html').send(PAGE);
  }

  @Get(':file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('cache-control', 'no-cache');
    if (file === 'init.js') {
      res.type('js').send(INIT_JS);
      return;
    }
    const source = isAsset(file) ? graphiqlAssetFile(file) : null;
    if (!source) {
      res.status(404).type('text').send(isAsset(file) ? `GraphiQL asset ${file} is not built (npx nx build @gov/gateway)` : 'not found');
      return;
    }
    res.type(path.extname(file)).sendFile(source);
  }
}

/** GraphiQL at /graphiql when `enabled` (development and tests); nothing otherwise. */
@Module({})
export class GraphiqlModule {
  static forRoot(enabled: boolean): DynamicModule {
    return { module: GraphiqlModule, controllers: enabled ? [GraphiqlController] : [] };
  }
}
