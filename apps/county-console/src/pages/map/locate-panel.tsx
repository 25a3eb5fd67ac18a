/**
 * Who is responsible for a point (责任团队): the node at every level from the city down, each grid
 * layer's grid with its people, the places serving it (哨点, 驿站, 党群服务中心) and the grid's stewards
 * with their place in the sentinel chain.
 */
import type { ApiError } from '../../api/client.js';
import { ErrorNotice, Loading } from '../../shell/messages.js';
import { LEVEL_NAMES, PLACE_KIND_NAMES, SENTINEL_ROLE_NAMES, sortStewards, teamOf, type MapLocation, type MapPlace, type MapSteward } from './map-features.js';

export interface Section<T> {
  data?: T;
  error?: ApiError;
  loading?: boolean;
}

export interface LocatePanelProps {
  point: { lat: number; lng: number };
  location: Section<MapLocation>;
  /** Stewards of the point's grid; absent when the point lies in no grid. */
  stewards?: Section<readonly MapSteward[]>;
  /** Places serving the point (already narrowed to those covering its nodes). */
  places?: Section<readonly MapPlace[]>;
}

const COORD_DIGITS = 5;

export function LocatePanel({ point, location, stewards, places }: LocatePanelProps) {
  return (
    <section className="locate-panel" data-testid="locate-panel" aria-labelledby="locate-title" aria-live="polite">
      <h3 id="locate-title">责任团队</h3>
      <p className="muted">
        北纬 {point.lat.toFixed(COORD_DIGITS)}，东经 {point.lng.toFixed(COORD_DIGITS)}
      </p>
      {location.loading ? <Loading /> : null}
      <ErrorNotice error={location.error} />
      {location.data && !location.loading ? <Team location={location.data} stewards={stewards} places={places} /> : null}
    </section>
  );
}

function Team({ location, stewards, places }: { location: MapLocation; stewards?: Section<readonly MapSteward[]>; places?: Section<readonly MapPlace[]> }) {
  const team = teamOf(location);
  if (team.regions.length === 0) return <p>此处不在您可查看的辖区内。</p>;
  return (
    <>
      <h4>所属区划</h4>
      <dl className="locate-regions">
        {team.regions.map((r) => (
          <div key={r.id}>
            <dt>{LEVEL_NAMES[r.level] ?? r.level}</dt>
            <dd data-level={r.level}>
              {r.name} <span className="muted">{r.code}</span>
            </dd>
          </div>
        ))}
      </dl>

      <h4>网格与网格员</h4>
      {team.layers.length === 0 ? (
        <p className="muted">此处没有划入网格。</p>
      ) : (
        <ul className="locate-layers">
          {team.layers.map((l) => (
            <li key={l.layer.key} data-layer={l.layer.key}>
              <strong>{l.layer.nameZh}</strong>：{l.grid!.name} <span className="muted">（{l.grid!.code}）</span>
              {l.staff.length === 0 ? (
                <div className="muted">暂无{l.layer.staffTitleZh}</div>
              ) : (
                <ul>
                  {l.staff.map((s) => (
                    <li key={s.id}>
                      {s.titleZh}：{s.name}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}

      {places ? (
        <>
          <h4>哨点与服务阵地</h4>
          {places.loading ? <Loading /> : null}
          <ErrorNotice error={places.error} />
          {places.data && !places.loading ? (
            places.data.length === 0 ? (
              <p className="muted">没有覆盖此处的哨点或驿站。</p>
            ) : (
              <ul>
                {places.data.map((p) => (
                  <li key={p.id} data-kind={p.kind}>
                    {PLACE_KIND_NAMES[p.kind]}：{p.name}
                    {p.openingHours ? <span className="muted">（{p.openingHours}）</span> : null}
                    {p.contactPhone ? <span> 电话 {p.contactPhone}</span> : null}
                  </li>
                ))}
              </ul>
            )
          ) : null}
        </>
      ) : null}

      {stewards ? (
        <>
          <h4>红色管家与哨兵</h4>
          {stewards.loading ? <Loading /> : null}
          <ErrorNotice error={stewards.error} />
          {stewards.data && !stewards.loading ? (
            stewards.data.length === 0 ? (
              <p className="muted">本网格暂无红色管家。</p>
            ) : (
              <ul>
                {sortStewards(stewards.data).map((s) => (
                  <li key={s.id} data-testid="locate-steward">
                    {s.sentinelRole ? <span className="badge">{SENTINEL_ROLE_NAMES[s.sentinelRole]}</span> : null} {s.person?.name ?? '（辖区外人员）'}{' '}
<span className="muted">{s.number}</span>
                  </li>
                ))}
              </ul>
            )
          ) : null}
        </>
      ) : null}
    </>
  );
}
