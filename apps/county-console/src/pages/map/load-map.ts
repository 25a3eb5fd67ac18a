/**
 * Loads the MapLibre map on demand. A browser without WebGL (headless test browsers, old office PCs'
 * drivers) is told apart before MapLibre's chunk is even fetched, so the page can say so and keep its
 * lists and coordinate search working.
 */
import type { MapView, MapViewOptions } from './map-view.js';

export type MapFactory = (options: MapViewOptions) => MapView;

/** The browser cannot give the map a WebGL context. */
export class NoWebGLError extends Error {}

export function hasWebGL(): boolean {
  try {
    const canvas = document.createElement('canvas');
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    // Give the probe's context back at once: browsers allow only a few live contexts per page.
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    return gl !== null;
  } catch {
    return false;
  }
}

export async function loadMapView(): Promise<MapFactory> {
  if (!hasWebGL()) throw new NoWebGLError('WebGL is not available');
  const { createMapView } = await import('./map-view.js');
  return createMapView;
}
