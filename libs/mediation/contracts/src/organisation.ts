/** Mediation organisations (调解组织) and their mediators (调解员). */
import { idSchema as id, pageSizeSchema as first, regionPath } from '@gov/kernel';
import { z } from 'zod';
import { nullish, text } from './common.js';

/**
 * People's mediation committee (人民调解委员会), five-elders team (五老调解队), court-stationed
 * judge studio (法官工作室) and the county's one-stop centre (综治中心 / 矛盾纠纷调处化解中心).
 */
export const ORGANISATION_KINDS = ['committee', 'five_elders', 'judge_studio', 'county_centre'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Handling levels, lowest first: 小事不出网格、大事不出社区, then the street, then the county centre. */
export const CASE_LEVELS = ['grid', 'community', 'street', 'county'] as const;
export type CaseLevel = (typeof CASE_LEVELS)[number];
/** Region path depth of each level's node (jingmen/dongbao/longquan/xiangshan/g03). */
export const LEVEL_DEPTH: Record<CaseLevel, number> = { county: 2, street: 3, community: 4, grid: 5 };

/** Dispute categories a mediator specialises in and cases are filed under. */
export const DISPUTE_CATEGORIES = ['neighbours', 'land_boundary', 'marriage_family', 'property_management', 'labour_injury', 'consumer', 'other'] as const;
export type DisputeCategory = (typeof DISPUTE_CATEGORIES)[number];
export const DISPUTE_CATEGORY_ZH: Record<DisputeCategory, string> = {
  neighbours: '邻里纠纷',
  land_boundary: '土地边界纠纷',
  marriage_family: '婚姻家庭纠纷',
  property_management: '物业纠纷',
  labour_injury: '劳动争议与工伤',
  consumer: '消费纠纷',
  other: '其他纠纷',
};

export const CreateOrganisationInput = z.object({
  kind: z.enum(ORGANISATION_KINDS),
  name: text(80),
  /** The node it serves: a grid, community, street or county path; its depth sets its level. */
  region: regionPath,
});
export const ListOrganisationsInput = z.object({ region: nullish(regionPath), first });

export const AddMediatorInput = z.object({
  organisationId: id,
  /** The identity person (a steward, staff member or volunteer) who mediates. */
  personId: id,
  name: text(40),
  specialities: z.array(z.enum(DISPUTE_CATEGORIES)).min(1).max(DISPUTE_CATEGORIES.length),
  /** Open cases this mediator takes at most. */
  capacity: z.number().int().min(1).max(50).default(8),
});
export const UpdateMediatorInput = z.object({
  id,
  specialities: nullish(z.array(z.enum(DISPUTE_CATEGORIES)).min(1).max(DISPUTE_CATEGORIES.length)),
  available: nullish(z.boolean()),
  capacity: nullish(z.number().int().min(1).max(50)),
});
export const ListMediatorsInput = z.object({ organisationId: nullish(id), region: nullish(regionPath), first });

export interface OrganisationView {
  id: string;
  kind: OrganisationKind;
  name: string;
  region: string;
  level: CaseLevel;
  mediatorCount: number;
  openCases: number;
  createdAt: string;
}

export interface MediatorView {
  id: string;
  organisationId: string;
  organisationName: string;
  personId: string;
  name: string;
  region: string;
  level: CaseLevel;
  specialities: DisputeCategory[];
  available: boolean;
  capacity: number;
  /** Open cases assigned now. */
  load: number;
}
