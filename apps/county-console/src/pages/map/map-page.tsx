/**
 * 网格地图 (/map). The page's chunk holds the lists and the locate panel; MapLibre (about 250 KB gzip)
 * is a further chunk of its own, fetched only by a browser that can draw it (load-map.ts).
 */
import { loadMapView } from './load-map.js';
import { MapScreen } from './map-screen.js';

export default function Page(_props: { params: Record<string, string> }) {
  return <MapScreen loadMap={loadMapView} />;
}
