/**
 * 网格地图: the region tree and grid layers from the gateway's vector tiles, the home region's open
 * petitions, open tasks, sentinel posts and steward stations on top; a click (or typed coordinates)
 * shows who is responsible for the point. Without WebGL the map says so and everything else works.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { homeRegion } from '../../auth/roles.js';
import { ErrorNotice, Loading } from '../../shell/messages.js';
import { Link } from '../../shell/router.js';
import { useMe, useSession } from '../../shell/session-context.js';
import { useQuery } from '../../shell/use-query.js';
import { NoWebGLError, type MapFactory } from './load-map.js';
import { LocatePanel } from './locate-panel.js';
import {
  drawnPetitions,
  homeView,
  MAP_PAGE_SIZE,
  MAP_PLACE_KINDS,
  OPEN_PETITION_STATES,
  parseLatLng,
  petitionFeatures,
  placeFeatures,
  servingPlaces,
  taskFeatures,
  teamOf,
  TEAM_PLACE_KINDS,
  type MapPetition,
} from './map-features.js';
import { STATE_LABELS } from '../petition/petition-labels.js';
import { mapToggles, TOGGLE_PETITIONS, TOGGLE_PLACES, TOGGLE_TASKS } from './map-style.js';
import type { MapView } from './map-view.js';
import { MapGridLayersDocument, MapGridStewardsDocument, MapHomeRegionDocument, MapLocateDocument, MapPetitionsDocument, MapPlacesDocument, MapTasksDocument } from './map.generated.js';
import './map-page.css';

type MapStatus = 'waiting' | 'loading' | 'ready' | 'no-webgl' | 'failed';

export function MapScreen({ loadMap }: { loadMap: () => Promise<MapFactory> }) {
  const session = useSession();
  const me = useMe();
  const region = me ? homeRegion(me.grants) : null;
  const skip = { skip: !region };
  const home = useQuery(MapHomeRegionDocument, { path: region ?? '' }, skip);
  const gridLayers = useQuery(MapGridLayersDocument, {});
  const petitions = useQuery(MapPetitionsDocument, { region: region ?? '', states: [...OPEN_PETITION_STATES], first: MAP_PAGE_SIZE }, skip);
  const tasks = useQuery(MapTasksDocument, { search: { region, statuses: ['published'], first: MAP_PAGE_SIZE } }, skip);
  const homeId = home.data?.regionByPath.id;
  const places = useQuery(MapPlacesDocument, { regionId: homeId ?? '', kinds: [...MAP_PLACE_KINDS], first: MAP_PAGE_SIZE }, { skip: !homeId });

  const layers = useMemo(() => gridLayers.data?.gridLayers ?? [], [gridLayers.data]);
  const toggles = useMemo(() => mapToggles(layers), [layers]);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const petitionItems = useMemo(() => petitions.data?.petitions.items ?? [], [petitions.data]);
  const drawn = useMemo(() => drawnPetitions(petitionItems), [petitionItems]);
  const view = useMemo(() => homeView(home.data?.regionByPath.shape, petitionItems), [home.data, petitionItems]);
  const viewKey = JSON.stringify(view);

  const [point, setPoint] = useState<{ lat: number; lng: number } | null>(null);

  // The map is made once the layers (its sources) and the home region (its first view) are known.
  const container = useRef<HTMLDivElement>(null);
  const mapView = useRef<MapView | null>(null);
  const [status, setStatus] = useState<MapStatus>('waiting');
  const settled = !gridLayers.loading && !home.loading;
  const layersKey = layers.map((l) => l.key).join(',');
  useEffect(() => {
    if (!settled || !container.current) return;
    let cancelled = false;
    let made: MapView | null = null;
    setStatus('loading');
    loadMap()
      .then((create) => {
        if (cancelled || !container.current) return;
        made = create({
          container: container.current,
          gridLayers: layers,
          visible: new Set(toggles.map((t) => t.id).filter((id) => !hidden.has(id))),
          view,
          accessToken: () => session.accessToken(),
          onClick: (lat, lng) => setPoint({ lat, lng }),
        });
        mapView.current = made;
        setStatus('ready');
      })
      .catch((err: unknown) => {
        if (!cancelled) setStatus(err instanceof NoWebGLError ? 'no-webgl' : 'failed');
      });
    return () => {
      cancelled = true;
      made?.destroy();
      mapView.current = null;
    };
    // Remade only when the set of grid layers changes; data, switches and view are pushed by the effects below.
  }, [settled, layersKey, loadMap, session]);

  useEffect(() => {
    if (status === 'ready') mapView.current?.setData(TOGGLE_PETITIONS, petitionFeatures(petitionItems));
  }, [status, petitionItems]);
  useEffect(() => {
    if (status === 'ready') mapView.current?.setData(TOGGLE_TASKS, taskFeatures(tasks.data?.tasksNear ?? []));
  }, [status, tasks.data]);
  useEffect(() => {
    if (status === 'ready') mapView.current?.setData(TOGGLE_PLACES, placeFeatures(places.data?.places ?? []));
  }, [status, places.data]);
  useEffect(() => {
    if (status === 'ready') for (const t of toggles) mapView.current?.setVisible(t.id, !hidden.has(t.id));
  }, [status, toggles, hidden]);
  useEffect(() => {
    if (status === 'ready') mapView.current?.fit(JSON.parse(viewKey));
  }, [status, viewKey]);

  const located = useQuery(MapLocateDocument, point ?? { lat: 0, lng: 0 }, { skip: !point });
  const team = located.data && !located.loading ? teamOf(located.data.locate) : null;
  const stewards = useQuery(MapGridStewardsDocument, { filter: { region: team?.gridPath }, first: MAP_PAGE_SIZE }, { skip: !team?.gridPath });
  const teamPlaces = useQuery(MapPlacesDocument, { regionId: team?.streetId ?? '', kinds: [...TEAM_PLACE_KINDS], first: MAP_PAGE_SIZE }, { skip: !team?.streetId });

  const toggle = (id: string, on: boolean) =>
    setHidden((h) => {
      const next = new Set(h);
      if (on) next.delete(id);
      else next.add(id);
      return next;
    });

  const showPetition = (p: MapPetition) => {
    if (!p.location) return;
    mapView.current?.flyTo(p.location.lat, p.location.lng);
    setPoint({ lat: p.location.lat, lng: p.location.lng });
  };

  return (
    <div className="map-page">
      <div className="map-main">
        <h2 className="map-title">
          网格地图 <span className="muted">{home.data?.regionByPath.name ?? region ?? ''}</span>
        </h2>
        <fieldset className="map-toggles">
          <legend>图层</legend>
          {toggles.map((t) => (
            <label key={t.id}>
              <input type="checkbox" checked={!hidden.has(t.id)} onChange={(e) => toggle(t.id, e.target.checked)} /> {t.label}
            </label>
          ))}
        </fieldset>
        <ErrorNotice error={gridLayers.error ?? home.error} />
        <div className="map-container" data-testid="map" data-status={status}>
          <div ref={container} className="map-canvas" />
          {status === 'no-webgl' || status === 'failed' ? (
            <p className="map-notice" role="status">
              {status === 'no-webgl' ? '此浏览器无法显示地图（不支持 WebGL）。' : '地图加载失败，请刷新页面重试。'}
              右侧的图上诉求列表照常可用，也可输入经纬度查询责任团队。
            </p>
          ) : null}
          {status === 'waiting' || status === 'loading' ? <p className="map-notice loading">地图加载中…</p> : null}
        </div>
        {status === 'ready' ? <p className="muted map-hint">鼠标悬停显示名称；点击地图查询该处的责任团队。</p> : null}
      </div>

      <aside className="map-side" aria-label="地图信息">
        <CoordinateForm onLocate={(lat, lng) => setPoint({ lat, lng })} />
        {point ? (
          <LocatePanel
            point={point}
            location={{ data: located.data?.locate, error: located.error, loading: located.loading }}
            stewards={team?.gridPath ? { data: stewards.data?.stewards.items, error: stewards.error, loading: stewards.loading } : undefined}
            places={
              team?.streetId && located.data
                ? { data: teamPlaces.data ? servingPlaces(teamPlaces.data.places, located.data.locate) : undefined, error: teamPlaces.error, loading: teamPlaces.loading }
                : undefined
            }
          />
        ) : null}

        <section className="map-petitions" aria-labelledby="map-petitions-title">
          <h3 id="map-petitions-title">图上诉求</h3>
          {petitions.loading ? <Loading /> : null}
          <ErrorNotice error={petitions.error} />
          {petitions.data && !petitions.loading ? (
            <>
              <p className="muted">
                共 {drawn.length} 件有位置的未办结诉求
                {petitionItems.length >= MAP_PAGE_SIZE ? `（只取最新 ${MAP_PAGE_SIZE} 件）` : ''}
              </p>
              <ul className="map-petition-list">
                {drawn.map((p) => (
                  <li key={p.id} data-testid="map-petition" data-id={p.id}>
                    <Link to={`/petitions/${encodeURIComponent(p.id)}`}>{p.title}</Link>
                    <div className="map-petition-meta">
                      <span className="badge">{STATE_LABELS[p.state]}</span>
                      {p.overdue ? <span className="badge overdue">超期</span> : null}
                      <span className="muted">{p.categoryNameZh}</span>
                      <button type="button" className="map-petition-locate" onClick={() => showPetition(p)} aria-label={`定位：${p.title}`}>
                        定位
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
        <ErrorNotice error={tasks.error ?? places.error} />
      </aside>
    </div>
  );
}

/** Locating by typed coordinates: for keyboard users, and for browsers that cannot draw the map. */
function CoordinateForm({ onLocate }: { onLocate: (lat: number, lng: number) => void }) {
  const [lat, setLat] = useState('');
  const [lng, setLng] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = parseLatLng(lat, lng);
    setInvalid(!p);
    if (p) onLocate(p.lat, p.lng);
  };
  return (
    <form className="map-coords" onSubmit={submit} aria-label="按坐标查询责任团队">
      <label>
        纬度
        <input inputMode="decimal" value={lat} onChange={(e) => setLat(e.target.value)} placeholder="31.03" size={9} />
      </label>
      <label>
        经度
        <input inputMode="decimal" value={lng} onChange={(e) => setLng(e.target.value)} placeholder="112.20" size={9} />
      </label>
      <button type="submit">查询责任团队</button>
      {invalid ? (
        <p role="alert" className="error">
          请输入有效的纬度（-90～90）和经度（-180～180）。
        </p>
      ) : null}
    </form>
  );
}
