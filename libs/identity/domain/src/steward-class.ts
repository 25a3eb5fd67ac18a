import type { StewardClass } from '@gov/identity-contracts';

/**
 * The six steward number classes (号段) and the duties printed on the back of the steward card.
 * Titles follow the Jingmen practice in the brief.
 */
export const STEWARD_CLASS_INFO: Record<StewardClass, { title: string; titleZh: string; duties: string[]; dutiesZh: string[] }> = {
  1: {
    title: 'Liaison district leader',
    titleZh: '包联区级领导',
    duties: ['Lead the liaison community’s governance work', 'Chair the quarterly joint meeting with member units', 'Resolve matters the community escalates'],
    dutiesZh: ['牵头包联社区的基层治理工作', '主持与成员单位的季度联席会议', '协调解决社区上报的难题'],
  },
  2: {
    title: 'Cadre of a liaison unit',
    titleZh: '包联单位干部',
    duties: ['Report to the home community and check in at least 12 times a year', 'Take dispatched tasks', 'Bring the unit’s resources to community needs'],
    dutiesZh: ['到所在社区报到，每年服务不少于 12 次', '承接社区派发的任务', '把单位资源带到社区需求中去'],
  },
  3: {
    title: 'Community staff, grid worker, auxiliary police or village doctor',
    titleZh: '居干、网格员、民辅警、村医',
    duties: ['Screen, assign and follow up residents’ requests', 'Visit households in the grid', 'Discover, report and handle hazards first'],
    dutiesZh: ['甄别、分派并跟踪居民诉求', '走访网格内住户', '第一时间发现、上报和处置隐患'],
  },
  4: {
    title: 'Civic deliberation team',
    titleZh: '民间议事团队',
    duties: ['Organise deliberation meetings', 'Mediate neighbourhood disputes', 'Publish decisions and results to residents'],
    dutiesZh: ['组织议事协商会议', '调解邻里纠纷', '向居民公开议事决定和结果'],
  },
  5: {
    title: 'Resident volunteer',
    titleZh: '热心居民',
    duties: ['Claim and complete volunteer tasks', 'Report problems you see', 'Help neighbours in difficulty'],
    dutiesZh: ['认领并完成志愿任务', '随手上报看到的问题', '帮助有困难的邻居'],
  },
  6: {
    title: 'Building head',
    titleZh: '楼栋长',
    duties: ['Know every household in the building', 'Relay notices and collect requests', 'Keep the building’s QR code and notice board in order'],
    dutiesZh: ['熟悉楼栋每一户', '传达通知、收集诉求', '维护楼栋二维码和公告栏'],
  },
};
