/**
 * The MapLibre map itself. This module is the only one importing maplibre-gl (and its CSS); the page
 * loads it with a dynamic import, so neither the shell nor the page's first paint waits for it.
 */
import maplibregl, { type GeoJSONSource, type MapGeoJSONFeature } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { NoWebGLError } from './load-map.js';
import type { Bounds, PointCollection } from './map-features.js';
import { authorizeTileRequest, buildStyle, featureLabel, hoverLayerIds, layerIdsOf, type GeoJsonSourceId, type GridLayerInfo } from './map-style.js';

export interface MapViewOptions {
  container: HTMLElement;
  gridLayers: readonly GridLayerInfo[];
  visible: ReadonlySet<string>;
  view: { bounds: Bounds } | { center: [number, number]; zoom: number };
  accessToken: () => string | null;
  onClick: (lat: number, lng: number) => void;
}

export interface MapView {
  setData(source: GeoJsonSourceId, data: PointCollection): void;
  setVisible(toggle: string, on: boolean): void;
  fit(view: MapViewOptions['view']): void;
  flyTo(lat: number, lng: number): void;
  destroy(): void;
}


const FIT_PADDING = 24;
const FLY_ZOOM = 15;

export function createMapView(o: MapViewOptions): MapView {
  const origin = window.location.origin;
  let map: maplibregl.Map;
  try {
    map = new maplibregl.Map({
      container: o.container,
      style: buildStyle({ origin, gridLayers: o.gridLayers, visible: o.visible }),
      ...('bounds' in o.view ? { bounds: o.view.bounds, fitBoundsOptions: { padding: FIT_PADDING } } : { center: o.view.center, zoom: o.view.zoom }),
      transformRequest: (url) => authorizeTileRequest(url, origin, o.accessToken()),
      attributionControl: false,
      // Keyboard users pan with the arrows once the canvas has focus (MapLibre's default handlers).
      keyboard: true,
    });
  } catch (err) {
    throw new NoWebGLError(err instanceof Error ? err.message : String(err));
  }
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');

  const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, offset: 8 });
  const hoverable = hoverLayerIds(o.gridLayers);
  map.on('mousemove', (e) => {
    const present = hoverable.filter((id) => map.getLayer(id));
    const [feature]: MapGeoJSONFeature[] = present.length ? map.queryRenderedFeatures(e.point, { layers: present }) : [];
    if (!feature) {
      popup.remove();
      map.getCanvas().style.cursor = '';
      return;
    }
    map.getCanvas().style.cursor = 'pointer';
    popup.setLngLat(e.lngLat).setText(featureLabel(feature.layer.id, feature.properties, o.gridLayers)).addTo(map);
  });
  map.on('mouseout', () => popup.remove());
  map.on('click', (e) => o.onClick(e.lngLat.lat, e.lngLat.lng));
  // A refused tile (TILE_TOO_LARGE when zoomed far out on a grid layer, or a token being rotated) only
  // leaves that tile blank until the next view; anything else is a fault worth seeing in the console.
  map.on('error', (e) => {
    if ('sourceId' in e && e.sourceId) return;
    console.error(e.error);
  });

  // Data and switches set before the style has loaded wait for it ('load' fires once; isStyleLoaded()
  // also turns false while tiles load, so the flag is ours).
  let loaded = false;
  const pendingData = new Map<GeoJsonSourceId, PointCollection>();
  const pendingVisible = new Map<string, boolean>();
  const applyData = (source: GeoJsonSourceId, data: PointCollection) => map.getSource<GeoJSONSource>(source)?.setData(data);
  const applyVisible = (toggle: string, on: boolean) => {
    for (const id of layerIdsOf(toggle)) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
  };
  map.on('load', () => {
    loaded = true;
    for (const [source, data] of pendingData) applyData(source, data);
    for (const [toggle, on] of pendingVisible) applyVisible(toggle, on);
    pendingData.clear();
    pendingVisible.clear();
  });

  return {
    setData(source, data) {
      if (loaded) applyData(source, data);
      else pendingData.set(source, data);
    },
    setVisible(toggle, on) {
      if (loaded) applyVisible(toggle, on);
      else pendingVisible.set(toggle, on);
    },
    fit(view) {
      if ('bounds' in view) map.fitBounds(view.bounds, { padding: FIT_PADDING, animate: false });
      else map.jumpTo({ center: view.center, zoom: view.zoom });
    },
    flyTo(lat, lng) {
      map.flyTo({ center: [lng, lat], zoom: Math.max(map.getZoom(), FLY_ZOOM) });
    },
    destroy() {
      popup.remove();
      map.remove();
    },
  };
}
