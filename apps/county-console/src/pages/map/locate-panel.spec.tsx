import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { LocatePanel } from './locate-panel.js';
import type { MapLocation, MapPlace, MapSteward } from './map-features.js';

afterEach(cleanup);

const point = { lat: 31.03, lng: 112.2 };
const location: MapLocation = {
  lat: 31.03,
  lng: 112.2,
  regions: [
    { id: 'g1', name: '第一网格', level: 'grid', path: 'jingmen/dongbao/longquan/xiangshan/g01', code: 'G01' },
    { id: 'c1', name: '荆门市', level: 'city', path: 'jingmen', code: '4208' },
    { id: 'k1', name: '东宝区', level: 'county', path: 'jingmen/dongbao', code: '420802' },
    { id: 's1', name: '龙泉街道', level: 'street', path: 'jingmen/dongbao/longquan', code: 'LQ' },
    { id: 'cm1', name: '象山社区', level: 'community', path: 'jingmen/dongbao/longquan/xiangshan', code: 'XS' },
  ],
  layers: [
    {
      layer: { key: 'comprehensive', nameZh: '综合', staffTitleZh: '网格员' },
      grid: { id: 'g1', code: 'G01', name: '第一网格', region: 'jingmen/dongbao/longquan/xiangshan/g01' },
      staff: [
        { id: 'st1', name: '王网格', titleZh: '专职网格员', role: 'grid_worker' },
        { id: 'st2', name: '李网格', titleZh: '兼职网格员', role: 'grid_worker' },
      ],
    },
    { layer: { key: 'fire', nameZh: '消防', staffTitleZh: '消防专干' }, grid: { id: 'f1', code: 'F01', name: '消防一格', region: 'jingmen/dongbao/longquan' }, staff: [] },
    { layer: { key: 'police', nameZh: '警务', staffTitleZh: '民警' }, grid: null, staff: [] },
  ],
};
const stewards: MapSteward[] = [
  { id: 'a', number: '3-U1-G01-B1-0002', class: 3, sentinelRole: null, grid: 'G01', person: { name: '赵管家' } },
  { id: 'b', number: '1-U1-G01-B1-0001', class: 1, sentinelRole: 'squad_leader', grid: 'G01', person: { name: '钱班长' } },
  { id: 'c', number: '2-U1-G01-B1-0003', class: 2, sentinelRole: 'sentinel', grid: 'G01', person: null },
];
const places: MapPlace[] = [
  { id: 'p1', name: '龙泉红色哨点', kind: 'sentinel_post', region: 'jingmen/dongbao/longquan', covers: ['s1'], contactPhone: '0724-2345678', openingHours: '全天', location: { lat: 31, lng: 112.2 } },
];

describe('LocatePanel', () => {
  it('shows the whole team of the point: every level from the city down, each layer’s grid and people, places and stewards', () => {
    render(<LocatePanel point={point} location={{ data: location }} stewards={{ data: stewards }} places={{ data: places }} />);
    const panel = screen.getByTestId('locate-panel');
    expect(within(panel).getByRole('heading', { name: '责任团队' })).toBeTruthy();
    expect(panel.textContent).toContain('北纬 31.03000，东经 112.20000');

    const levels = [...panel.querySelectorAll('.locate-regions dt')].map((dt) => dt.textContent);
    expect(levels).toEqual(['市', '县区', '街道', '社区', '网格']);
    expect(panel.querySelector('dd[data-level="street"]')?.textContent).toContain('龙泉街道');

    const comprehensive = panel.querySelector('li[data-layer="comprehensive"]')!;
    expect(comprehensive.textContent).toContain('综合：第一网格');
    expect(comprehensive.textContent).toContain('专职网格员：王网格');
    expect(comprehensive.textContent).toContain('兼职网格员：李网格');
    expect(panel.querySelector('li[data-layer="fire"]')?.textContent).toContain('暂无消防专干');
    expect(panel.querySelector('li[data-layer="police"]')).toBeNull();

    expect(within(panel).getByText(/龙泉红色哨点/).textContent).toContain('红色哨点：龙泉红色哨点');

    const rows = within(panel).getAllByTestId('locate-steward').map((li) => li.textContent);
    expect(rows[0]).toContain('班长');
    expect(rows[0]).toContain('钱班长');
    expect(rows[1]).toContain('哨兵');
    expect(rows[1]).toContain('（辖区外人员）');
    expect(rows[2]).toContain('赵管家');
  });

  it('says so when the point lies outside what the user sees', () => {
    render(<LocatePanel point={point} location={{ data: { ...location, regions: [], layers: [] } }} />);
    expect(screen.getByTestId('locate-panel').textContent).toContain('此处不在您可查看的辖区内');
  });

  it('shows the gateway’s refusal of a section without hiding the rest', () => {
    render(<LocatePanel point={point} location={{ data: location }} stewards={{ error: new ApiError('FORBIDDEN', 'no') }} places={{ data: [] }} />);
    const panel = screen.getByTestId('locate-panel');
    expect(within(panel).getByRole('alert').textContent).toContain('没有权限');
    expect(panel.textContent).toContain('王网格');
    expect(panel.textContent).toContain('没有覆盖此处的哨点或驿站');
  });

  it('shows loading while the point is being located', () => {
    render(<LocatePanel point={point} location={{ loading: true }} />);
    expect(screen.getByTestId('locate-panel').textContent).toContain('加载中');
  });
});
