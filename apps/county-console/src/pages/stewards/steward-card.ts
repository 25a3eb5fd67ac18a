/**
 * What the two faces of a steward card show, shaped from the gateway's Steward / StewardCard and the
 * figures of the back (duty check-ins, the year's points, honours), and the steward's number history
 * as the gateway's Steward.numberHistory gives it (readable by whoever may read the steward).
 */
import type { DeliberationRole, Medal, SentinelRole } from '../../api/schema-types.js';
import { cstWallClock } from '../../shell/format.js';
import type { StewardBackQuery, StewardDetailQuery } from './steward.generated.js';

export type StewardDetail = StewardDetailQuery['steward'];
type StewardNumber = StewardDetail['numberHistory'][number];

/** The number classes (号段) in the Jingmen practice; the server's classTitle carries the same name in brackets. */
export const CLASS_NAMES: Record<number, string> = {
  1: '包联区级领导',
  2: '包联单位干部',
  3: '居干、网格员、民辅警、村医',
  4: '民间议事团队',
  5: '热心居民',
  6: '楼栋长',
};

export const SENTINEL_ROLE_NAMES: Record<SentinelRole, string> = { sentinel: '哨兵', group_leader: '组长', squad_leader: '班长' };
export const DELIBERATION_ROLE_NAMES: Record<DeliberationRole, string> = {
  policy_explainer: '政策宣讲员',
  dispute_mediator: '矛盾调解员',
  information_collector: '信息收集员',
  custom_reformer: '移风易俗员',
  special_group_helper: '特殊群体帮扶员',
};
export const MEDAL_NAMES: Record<Medal, string> = { gold: '金牌', silver: '银牌', bronze: '铜牌' };

/** What a card shows for a name or unit the gateway withholds (outside the viewer's regions). */
export const HIDDEN_NAME = '（辖区外人员）';
export const HIDDEN_UNIT = '（辖区外单位）';

/** `3号段 · 居干、网格员、民辅警、村医`: the Chinese name from classTitle (`English (中文)`), else from the table. */
export function classLabel(cls: number, classTitle: string): string {
  const zh = /[（(]([^()（）]+)[)）]\s*$/.exec(classTitle)?.[1] ?? CLASS_NAMES[cls] ?? classTitle;
  return `${cls}号段 · ${zh}`;
}

export interface NumberParts {
  stewardClass: number;
  unitCode: string;
  gridCode: string;
  building: string | null;
  seq: number;
}

/** C-UNIT-GRID-BLDG-NNNN (libs/identity/domain steward-number.ts); null for anything else. */
export function parseStewardNumber(n: string): NumberParts | null {
  const m = /^([1-6])-([A-Z0-9]{2,12})-([A-Z0-9-]+?)-([0-9A-Z]{1,4})-(\d{4,})$/.exec(n);
  if (!m) return null;
  return { stewardClass: Number(m[1]), unitCode: m[2]!, gridCode: m[3]!, building: m[4] === '0' ? null : m[4]!, seq: Number(m[5]) };
}

export interface CardFront {
  name: string;
  /** The photo placeholder's character: the surname, or 管 when the name is withheld. */
  initial: string;
  number: string;
  unitName: string;
  classLabel: string;
  /** grid path, and the building when there is one. */
  place: string;
}

export function cardFront(s: StewardDetail): CardFront {
  const name = s.card.name ?? s.person?.name ?? null;
  return {
    name: name ?? HIDDEN_NAME,
    initial: name ? [...name][0]! : '管',
    number: s.card.number,
    unitName: s.card.unitName ?? s.unit?.name ?? HIDDEN_UNIT,
    classLabel: classLabel(s.class, s.card.classTitle),
    place: s.card.building ? `${s.card.grid} · ${s.card.building}号楼` : s.card.grid,
  };
}

export interface LabelledValue {
  label: string;
  value: string;
}

export interface CardBack {
  duties: string[];
  /** Sentinel and deliberation posts, when the steward holds any. */
  posts: string[];
  /** The number read part by part (the card's QR carries the same number). */
  numberParts: LabelledValue[];
  /** Duty check-ins, the year's points and honours; empty while loading or when not readable. */
  figures: LabelledValue[];
}

export function cardBack(s: StewardDetail, back: StewardBackQuery | undefined, year: number): CardBack {
  const posts: string[] = [];
  if (s.sentinelRole) posts.push(`哨兵链：${SENTINEL_ROLE_NAMES[s.sentinelRole]}`);
  if (s.deliberationRole) posts.push(`议事岗位：${DELIBERATION_ROLE_NAMES[s.deliberationRole]}`);
  const parts = parseStewardNumber(s.card.number);
  const numberParts: LabelledValue[] = parts
    ? [
        { label: '号段', value: `${parts.stewardClass}（${CLASS_NAMES[parts.stewardClass] ?? ''}）` },
        { label: '单位代码', value: parts.unitCode },
        { label: '网格代码', value: parts.gridCode },
        { label: '楼栋', value: parts.building ?? '无' },
        { label: '序号', value: String(parts.seq).padStart(4, '0') },
      ]
    : [{ label: '编号', value: s.card.number }];
  return { duties: s.card.duties, posts, numberParts, figures: back ? backFigures(s.id, back, year) : [] };
}

function backFigures(stewardId: string, back: StewardBackQuery, year: number): LabelledValue[] {
  const points = back.pointsLedger.items.reduce((sum, e) => sum + e.amount, 0);
  const honour = back.excellentStewards.items.find((e) => e.stewardId === stewardId);
  const honours: string[] = [];
  if (honour) {
    honours.push(`${year}年度优秀红管家（${honour.medal ? MEDAL_NAMES[honour.medal] + '，' : ''}第${honour.rank}名）`);
    if (honour.starMonths.length) honours.push(`红管家之星：${honour.starMonths.join('、')}`);
  }
  return [
    { label: `${year}年报到打卡`, value: `${back.dutyCheckIns.count} / ${back.dutyCheckIns.target} 次` },
    // A ledger longer than one page is summed as far as it was read: the figure is a floor.
    { label: `${year}年获得积分`, value: back.pointsLedger.pageInfo.hasNextPage ? `不少于 ${points} 分` : `${points} 分` },
    { label: '荣誉', value: honours.length ? honours.join('；') : '暂无' },
  ];
}

/** The calendar year in China Standard Time (the platform's periods are CST). */
export function chinaYear(now: Date): number {
  return cstWallClock(now).getUTCFullYear();
}

/** The county (city/county) a region path lies in. */
export function countyOf(region: string): string {
  return region.split('/').slice(0, 2).join('/');
}

export interface NumberPeriod {
  number: string;
  /** When it was issued (ISO). */
  issuedAt: string;
  /** When it was retired (ISO); null for the number in use. */
  retiredAt: string | null;
  current: boolean;
}

/**
 * Every number the steward has held, newest first (a county office most often looks up a recent
 * card). The gateway lists them oldest first, the last one in use (retiredAt null).
 */
export function numberHistoryNewestFirst(history: readonly StewardNumber[]): NumberPeriod[] {
  return [...history].reverse().map((h) => ({ number: h.number, issuedAt: h.issuedAt, retiredAt: h.retiredAt, current: h.retiredAt === null }));
}
