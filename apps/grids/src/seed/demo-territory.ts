/**
 * The demo city's territory, the same streets and communities as identity's demo (seed/demo.ts
 * there): 荆门市, 东宝区 (龙泉街道, 马河镇) and 掇刀区 (掇刀石街道, 麻城镇). Areas are boxes in WGS 84
 * placed where the real places are (Dongbao north of Duodao, the towns outside the urban
 * streets), each inside its parent and the grids tiling their community.
 */
export type Box = [west: number, south: number, east: number, north: number];

export interface DemoCommunity {
  seg: string;
  zh: string;
  village: boolean;
  grids: number;
  box: Box;
  /** Compounds (小区) of an urban community, one per grid; villages get village groups (村民小组). */
  compounds?: string[];
}

export interface DemoStreet {
  seg: string;
  zh: string;
  town: boolean;
  box: Box;
  police: string;
  communities: DemoCommunity[];
}

export const DEMO_CITY = { seg: 'jingmen', zh: '荆门市', box: [111.8, 30.6, 112.8, 31.6] as Box };

export const DEMO_COUNTIES: { seg: string; zh: string; box: Box; market: string; streets: DemoStreet[] }[] = [
  {
    seg: 'dongbao',
    zh: '东宝区',
    box: [112.0, 31.0, 112.5, 31.5],
    market: '东宝区市场监督管理局',
    streets: [
      {
        seg: 'longquan',
        zh: '龙泉街道',
        town: false,
        box: [112.15, 31.0, 112.25, 31.1],
        police: '龙泉派出所',
        communities: [
          { seg: 'xiangshan', zh: '象山社区', village: false, grids: 3, box: [112.18, 31.02, 112.21, 31.05], compounds: ['象山新村', '象山花园', '东宝府'] },
          { seg: 'jinlongquan', zh: '金龙泉社区', village: false, grids: 2, box: [112.21, 31.02, 112.24, 31.05], compounds: ['龙泉新村', '金泉小区'] },
        ],
      },
      {
        seg: 'mahe',
        zh: '马河镇',
        town: true,
        box: [112.2, 31.2, 112.4, 31.35],
        police: '马河派出所',
        communities: [
          { seg: 'mazui', zh: '马咀村', village: true, grids: 3, box: [112.22, 31.22, 112.28, 31.27] },
          { seg: 'qianhe', zh: '钱河村', village: true, grids: 2, box: [112.3, 31.22, 112.36, 31.27] },
        ],
      },
    ],
  },
  {
    seg: 'duodao',
    zh: '掇刀区',
    box: [112.0, 30.6, 112.5, 31.0],
    market: '掇刀区市场监督管理局',
    streets: [
      {
        seg: 'duodaoshi',
        zh: '掇刀石街道',
        town: false,
        box: [112.15, 30.9, 112.25, 30.99],
        police: '掇刀石派出所',
        communities: [
          { seg: 'baishipo', zh: '白石坡社区', village: false, grids: 3, box: [112.18, 30.92, 112.21, 30.95], compounds: ['宝源新村', '白石坡小区', '和园小区'] },
          { seg: 'yueliangwan', zh: '月亮湾社区', village: false, grids: 2, box: [112.21, 30.92, 112.24, 30.95], compounds: ['月亮湾花园', '书香苑'] },
        ],
      },
      {
        seg: 'macheng',
        zh: '麻城镇',
        town: true,
        box: [112.25, 30.7, 112.45, 30.85],
        police: '麻城派出所',
        communities: [
          { seg: 'leiji', zh: '雷集村', village: true, grids: 2, box: [112.28, 30.74, 112.34, 30.79] },
          { seg: 'sanlian', zh: '三联村', village: true, grids: 2, box: [112.36, 30.74, 112.42, 30.79] },
        ],
      },
    ],
  },
];

/** Buildings per compound or village group in the demo. */
export const DEMO_BUILDINGS_PER_COMPOUND = 6;
export const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** Names of the demo's grid workers, police officers, market supervisors and enforcement officers. */
export const DEMO_STAFF_NAMES = ['刘芳', '张伟', '王静', '李强', '陈敏', '杨洋', '赵磊', '黄丽', '周杰', '吴霞', '徐斌', '孙婷', '胡军', '朱琳', '高峰', '林娜', '何涛', '郭燕', '马超', '罗萍'];
