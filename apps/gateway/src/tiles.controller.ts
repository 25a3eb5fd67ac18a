import { AppError, type Actor, type ErrorCode } from '@gov/kernel';
import { GridsRpc, TILE_MAX_ZOOM, TerritoryIoErrorReason, type TileView } from '@gov/grids-contracts';
import type { JwtVerifier } from '@gov/platform-auth';
import type { RpcClient } from '@gov/platform-messaging';
import { Controller, Get, Inject, Module, Param, Req, Res, type DynamicModule } from '@nestjs/common';
import type { Request, Response } from 'express';

const TILE_DEPS = Symbol('TILE_DEPS');

export interface TileDeps {
  rpc: RpcClient;
  verifier: Pick<JwtVerifier, 'verify'>;
}

export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';
/** Tiles hold only what the caller sees: cached by the browser alone, briefly. */
export const TILE_CACHE_CONTROL = 'private, max-age=60';

const STATUS: Record<ErrorCode, number> = { VALIDATION: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, UNAVAILABLE: 503, INTERNAL: 500 };
const LAYER = /^[a-z][a-z0-9_]{1,31}$/;
const INTEGER = /^\d{1,8}$/;

/**
 * Mapbox vector tiles for map frontends: GET /tiles/{layer}/{z}/{x}/{y}.pbf with the same bearer
 * token as /graphql. `layer` is `regions` (the tree: counties below z 10, streets, communities,
 * from z 14 grids and buildings) or a grid layer's key. The grids service draws the tile with only
 * what the caller sees; 204 when it is empty. Refusals are JSON `{ error: { code, reason, message } }`
 * with the HTTP status of the code (400 for a bad z/x/y, 401 without a valid token, 404 for an unknown layer).
 */
@Controller('tiles')
export class TilesController {
  constructor(@Inject(TILE_DEPS) private readonly deps: TileDeps) {}

  @Get(':layer/:z/:x/:y')
  async tile(@Param() p: Record<'layer' | 'z' | 'x' | 'y', string>, @Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('cache-control', TILE_CACHE_CONTROL);
    res.setHeader('vary', 'authorization');
    try {
      const input = parseTile(p);
      const actor = await this.actor(req);
      const tile = await this.deps.rpc.request<TileView>(GridsRpc.tileGet, input, { actor });
      if (!tile.bytes) {
        res.status(204).end();
        return;
      }
      res.status(200).type(MVT_CONTENT_TYPE).send(Buffer.from(tile.mvt, 'base64'));
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('INTERNAL', 'internal error');
      res.setHeader('cache-control', 'no-store');
      res.status(STATUS[e.code]).json({ error: { code: e.code, ...(e.reason ? { reason: e.reason } : {}), message: e.message } });
    }
  }

  private async actor(req: Request): Promise<Actor> {
    const header = req.headers.authorization;
    if (!header) throw new AppError('UNAUTHENTICATED', 'tiles need an Authorization: Bearer <token> header', 'NO_TOKEN');
    const token = /^Bearer (.+)$/i.exec(header)?.[1];
    if (!token) throw new AppError('UNAUTHENTICATED', 'Authorization must be "Bearer <token>"', 'BAD_TOKEN');
    return this.deps.verifier.verify(token);
  }
}

/** `{layer}/{z}/{x}/{y}.pbf` as numbers in range, or VALIDATION (400). */
export function parseTile(p: Record<'layer' | 'z' | 'x' | 'y', string>): { layer: string; z: number; x: number; y: number } {
  const y = p.y.endsWith('.pbf') ? p.y.slice(0, -'.pbf'.length) : null;
  if (!LAYER.test(p.layer)) throw new AppError('VALIDATION', 'layer: regions or a grid layer key', undefined, [{ path: 'layer', message: 'regions or a grid layer key' }]);
  if (y === null || !INTEGER.test(p.z) || !INTEGER.test(p.x) || !INTEGER.test(y)) throw outOfRange(`${p.z}/${p.x}/${p.y}`);
  const [z, x, yy] = [Number(p.z), Number(p.x), Number(y)];
  if (z > TILE_MAX_ZOOM || x >= 2 ** z || yy >= 2 ** z) throw outOfRange(`${z}/${x}/${yy}`);
  return { layer: p.layer, z, x, y: yy };
}

function outOfRange(tile: string): AppError {
  return new AppError('VALIDATION', `no tile ${tile}.pbf: z is 0..${TILE_MAX_ZOOM}, x and y 0..2^z-1`, TerritoryIoErrorReason.tileOutOfRange, [{ path: 'z', message: 'out of range' }]);
}

/** The tile route with the gateway's RPC client and token verifier. */
@Module({})
export class TilesModule {
  static forRoot(deps: TileDeps): DynamicModule {
    return { module: TilesModule, controllers: [TilesController], providers: [{ provide: TILE_DEPS, useValue: deps }] };
  }
}
