import type { StewardClass } from '@gov/identity-contracts';

/**
 * The six steward number classes (号段) and the duties printed on the back of the steward card.
 * Titles follow the Jingmen practice in the brief.
 */
export const STEWARD_CLASS_INFO: Record<StewardClass, { title: string; titleZh: string; duties: string[] }> = {
  1: {
    title: 'Liaison district leader',
    titleZh: '包联区级领导',
    duties: ['Lead the liaison community’s governance work', 'Chair the quarterly joint meeting with member units', 'Resolve matters the community escalates'],
  },
  2: {
    title: 'Cadre of a liaison unit',
    titleZh: '包联单位干部',
    duties: ['Report to the home community and check in at least 12 times a year', 'Take dispatched tasks', 'Bring the unit’s resources to community needs'],
  },
  3: {
    title: 'Community staff, grid worker, auxiliary police or village doctor',
    titleZh: '居干、网格员、民辅警、村医',
    duties: ['Screen, assign and follow up residents’ requests', 'Visit households in the grid', 'Discover, report and handle hazards first'],
  },
  4: {
    title: 'Civic deliberation team',
    titleZh: '民间议事团队',
    duties: ['Organise deliberation meetings', 'Mediate neighbourhood disputes', 'Publish decisions and results to residents'],
  },
  5: {
    title: 'Resident volunteer',
    titleZh: '热心居民',
    duties: ['Claim and complete volunteer tasks', 'Report problems you see', 'Help neighbours in difficulty'],
  },
  6: {
    title: 'Building head',
    titleZh: '楼栋长',
    duties: ['Know every household in the building', 'Relay notices and collect requests', 'Keep the building’s QR code and notice board in order'],
  },
};
