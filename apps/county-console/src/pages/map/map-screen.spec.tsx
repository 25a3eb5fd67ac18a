import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPage, signedIn, type Handler } from '../../testing/fake-gateway.js';
import { NoWebGLError, type MapFactory } from './load-map.js';
import { MapScreen } from './map-screen.js';
import type { MapView, MapViewOptions } from './map-view.js';

afterEach(cleanup);

type Answer = (variables: Record<string, unknown>) => unknown;

const SHAPE = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [112.1, 30.9],
        [112.3, 30.9],
        [112.3, 31.1],
        [112.1, 30.9],
      ],
    ],
  ],
};

const petitionItem = (id: string, title: string, extra: Record<string, unknown> = {}) => ({
  id,
  title,
  state: 'assigned',
  overdue: false,
  priority: 2,
  categoryNameZh: '路灯',
  region: 'jingmen/dongbao/longquan/xiangshan/g01',
  deadline: '2026-05-01T00:00:00Z',
  location: { lat: 31.0, lng: 112.2 },
  ...extra,
});

/** The data of each operation the map asks. */
const ANSWERS: Record<string, Answer> = {
  MapHomeRegion: () => ({ regionByPath: { id: 'k1', name: '东宝区', path: 'jingmen/dongbao', level: 'county', shape: SHAPE } }),
  MapGridLayers: () => ({ gridLayers: [{ key: 'comprehensive', nameZh: '综合', staffTitleZh: '网格员' }, { key: 'fire', nameZh: '消防', staffTitleZh: '消防专干' }] }),
  MapPetitions: () => ({
    petitions: {
      items: [petitionItem('p1', '路灯不亮'), petitionItem('p2', '电话诉求', { location: null }), petitionItem('p3', '井盖缺失', { overdue: true, location: { lat: 31.05, lng: 112.25 } })],
    },
  }),
  MapTasks: () => ({ tasksNear: [{ id: 't1', title: '清理楼道', kind: 'dispatched', status: 'published', points: 10, capacity: 2, claimed: 0, deadline: '2026-05-01T00:00:00Z', region: 'jingmen/dongbao', location: { lat: 31, lng: 112.2 } }] }),
  MapPlaces: (v) =>
    v.regionId === 'k1'
      ? { places: [{ id: 'pl1', name: '龙泉哨点', kind: 'sentinel_post', region: 'jingmen/dongbao/longquan', covers: ['s1'], contactPhone: null, openingHours: null, location: { lat: 31, lng: 112.2 } }] }
      : { places: [{ id: 'pl2', name: '象山驿站', kind: 'steward_station', region: 'jingmen/dongbao/longquan/xiangshan', covers: ['g1'], contactPhone: null, openingHours: '每日', location: { lat: 31, lng: 112.2 } }] },
  MapLocate: (v) => ({
    locate: {
      lat: v.lat,
      lng: v.lng,
      regions: [
        { id: 'k1', name: '东宝区', level: 'county', path: 'jingmen/dongbao', code: '420802' },
        { id: 's1', name: '龙泉街道', level: 'street', path: 'jingmen/dongbao/longquan', code: 'LQ' },
        { id: 'g1', name: '第一网格', level: 'grid', path: 'jingmen/dongbao/longquan/xiangshan/g01', code: 'G01' },
      ],
      layers: [
        {
          layer: { key: 'comprehensive', nameZh: '综合', staffTitleZh: '网格员' },
          grid: { id: 'g1', code: 'G01', name: '第一网格', region: 'jingmen/dongbao/longquan/xiangshan/g01' },
          staff: [{ id: 'st1', name: '王网格', titleZh: '网格员', role: 'grid_worker' }],
        },
      ],
    },
  }),
  MapGridStewards: () => ({ stewards: { items: [{ id: 'sw1', number: '1-U-G01-B-0001', class: 1, sentinelRole: 'sentinel', grid: 'G01', person: { name: '孙哨兵' } }] } }),
};

class FakeMap implements MapView {
  data: Record<string, unknown> = {};
  visible: Record<string, boolean> = {};
  fits: unknown[] = [];
  flights: [number, number][] = [];
  destroyed = false;
  constructor(readonly options: MapViewOptions) {}
  setData(source: string, data: unknown) {
    this.data[source] = data;
  }
  setVisible(toggle: string, on: boolean) {
    this.visible[toggle] = on;
  }
  fit(view: unknown) {
    this.fits.push(view);
  }
  flyTo(lat: number, lng: number) {
    this.flights.push([lat, lng]);
  }
  destroy() {
    this.destroyed = true;
  }
}

async function renderScreen(loadMap: () => Promise<MapFactory>) {
  const handlers = Object.fromEntries(Object.entries(ANSWERS).map(([op, data]): [string, Handler] => [op, (v) => ({ data: data(v) })]));
  const { session, gateway } = await signedIn(handlers, [{ role: 'county_admin', region: 'jingmen/dongbao' }], { username: 'dongbao' });
  renderPage(session, '/map', <MapScreen loadMap={loadMap} />);
  return { calls: gateway.calls, session };
}

describe('map page without WebGL', () => {
  it('says the map cannot be drawn, and still lists the home region’s open petitions and locates typed coordinates', async () => {
    const { calls } = await renderScreen(() => Promise.reject(new NoWebGLError('no webgl')));
    const map = screen.getByTestId('map');
    await waitFor(() => expect(map.textContent).toContain('不支持 WebGL'));

    const petitions = calls.find((c) => c.operation === 'MapPetitions')!;
    expect(petitions.variables).toMatchObject({ region: 'jingmen/dongbao', states: ['submitted', 'screened', 'assigned', 'accepted', 'in_progress', 'resolved'] });
    expect(screen.getByRole('heading', { name: '图上诉求' })).toBeTruthy();
    const items = await screen.findAllByTestId('map-petition');
    expect(items.map((li) => li.dataset.id)).toEqual(['p1', 'p3']);
    expect(within(items[0]).getByRole('link', { name: '路灯不亮' }).getAttribute('href')).toBe('/petitions/p1');
    expect(within(items[1]).getByText('超期').className).toBe('badge overdue');

    fireEvent.change(screen.getByLabelText('纬度'), { target: { value: '31.02' } });
    fireEvent.change(screen.getByLabelText('经度'), { target: { value: '112.21' } });
    fireEvent.click(screen.getByRole('button', { name: '查询责任团队' }));
    const panel = await screen.findByTestId('locate-panel');
    await waitFor(() => expect(panel.textContent).toContain('孙哨兵'));
    expect(calls.find((c) => c.operation === 'MapLocate')!.variables).toEqual({ lat: 31.02, lng: 112.21 });
    expect(calls.find((c) => c.operation === 'MapGridStewards')!.variables).toMatchObject({ filter: { region: 'jingmen/dongbao/longquan/xiangshan/g01' } });
    expect(panel.textContent).toContain('网格员：王网格');
    await waitFor(() => expect(panel.textContent).toContain('红管家驿站：象山驿站'));
  });

  it('refuses coordinates off the globe without calling the gateway', async () => {
    const { calls } = await renderScreen(() => Promise.reject(new NoWebGLError('no webgl')));
    fireEvent.change(screen.getByLabelText('纬度'), { target: { value: '131' } });
    fireEvent.change(screen.getByLabelText('经度'), { target: { value: '112' } });
    fireEvent.click(screen.getByRole('button', { name: '查询责任团队' }));
    expect(screen.getByRole('alert').textContent).toContain('有效的纬度');
    expect(calls.some((c) => c.operation === 'MapLocate')).toBe(false);
    expect(screen.queryByTestId('locate-panel')).toBeNull();
  });
});

describe('map page with a map', () => {
  it('opens on the home region with our layers and data, switches layers, and a click shows the responsible team', async () => {
    let made: FakeMap | undefined;
    const { session } = await renderScreen(async () => (options) => (made = new FakeMap(options)));
    await waitFor(() => expect(screen.getByTestId('map').dataset.status).toBe('ready'));
    const map = made!;
    expect(map.options.view).toEqual({ bounds: [112.1, 30.9, 112.3, 31.1] });
    expect(map.options.gridLayers.map((l) => l.key)).toEqual(['comprehensive', 'fire']);
    expect(map.options.accessToken()).toBe(session.accessToken());
    await waitFor(() => expect((map.data.petitions as { features: unknown[] }).features).toHaveLength(2));
    await waitFor(() => expect((map.data.places as { features: unknown[] }).features).toHaveLength(1));
    expect((map.data.tasks as { features: unknown[] }).features).toHaveLength(1);

    const fire = screen.getByLabelText('消防网格');
    expect((fire as HTMLInputElement).checked).toBe(true);
    fireEvent.click(fire);
    expect(map.visible['grid:fire']).toBe(false);
    expect(map.visible.regions).toBe(true);

    act(() => map.options.onClick(31.01, 112.22));
    const panel = await screen.findByTestId('locate-panel');
    await waitFor(() => expect(panel.textContent).toContain('第一网格'));
    expect(panel.textContent).toContain('龙泉街道');

    fireEvent.click(within(screen.getAllByTestId('map-petition')[1]).getByRole('button', { name: '定位：井盖缺失' }));
    expect(map.flights).toEqual([[31.05, 112.25]]);
    await waitFor(() => expect(panel.textContent).toContain('北纬 31.05000'));
  });
});
