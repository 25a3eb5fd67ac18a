/**
 * The seeded taxonomy (事项分类) of petitions: 19 major and 117 minor categories, modelled on the
 * request catalogue of Chibi's grassroots-governance platform and the 12345 hotline back offices
 * of Hubei counties. The migration/seed writes version 1 of every minor category from this list;
 * later a city admin edits them (UpdateCategoryInput), which adds versions in the database and
 * never changes this file.
 *
 * For each minor category:
 * - `defaultLevel` is where a valid petition is assigned first, following 小事不出网格、大事不出社区:
 *   grid (网格), community (社区/村), street (街道/乡镇), or a county department;
 * - `defaultDepartment` is the functional name of that county department without the county
 *   prefix (住房和城乡建设局 matches 东宝区住房和城乡建设局 and 掇刀区住房和城乡建设局); it is
 *   set exactly when the level is `department`;
 * - `timeLimitDays` is the handling time limit (办理时限): 1 day for immediate safety hazards,
 *   2–5 for everyday nuisances, 7–15 for matters needing an inspection, a file or a decision;
 * - `anonymousAllowed` is false when handling needs the person (their wages, their insurance,
 *   their house) and true for public-space issues anyone may point out;
 * - `sixPrevention` marks the categories a sentinel (哨兵) may report under, the six preventions
 *   (六防): fire, disaster, disorder, epidemic, hardship, fraud.
 *
 * The Chinese names are the data; keys are English snake_case, a minor's key `<major>.<minor>`.
 */
import type { Level, SixPrevention } from '@gov/petitions-contracts';

export interface MinorCategorySeed {
  key: string;
  nameZh: string;
  defaultLevel: Level;
  defaultDepartment: string | null;
  timeLimitDays: number;
  anonymousAllowed: boolean;
  sixPrevention?: SixPrevention;
}

export interface MajorCategorySeed {
  key: string;
  nameZh: string;
  minors: MinorCategorySeed[];
}

export const MAJOR_CATEGORY_COUNT = 19;
export const MINOR_CATEGORY_COUNT = 117;

/** County departments by functional name, as they appear in the units of each county. */
const DEPT = {
  housing: '住房和城乡建设局',
  urbanManagement: '城市管理执法局',
  ecology: '生态环境分局',
  market: '市场监督管理局',
  humanResources: '人力资源和社会保障局',
  medicalInsurance: '医疗保障局',
  civilAffairs: '民政局',
  health: '卫生健康局',
  education: '教育局',
  transport: '交通运输局',
  police: '公安分局',
  emergency: '应急管理局',
  water: '水利和湖泊局',
  agriculture: '农业农村局',
  naturalResources: '自然资源和规划分局',
  justice: '司法局',
  development: '发展和改革局',
  industry: '经济和信息化局',
  disabled: '残疾人联合会',
  government: '政务服务和大数据管理局',
} as const;

type Handler = Exclude<Level, 'department'> | (typeof DEPT)[keyof typeof DEPT];
const LOCAL_LEVELS: readonly string[] = ['grid', 'community', 'street'];

/**
 * One minor category: `at` is a local level or a department's functional name, so a department
 * can never be given to a grid-level category or forgotten on a department-level one.
 */
function minor(key: string, nameZh: string, at: Handler, timeLimitDays: number, anonymousAllowed: boolean, sixPrevention?: SixPrevention): MinorCategorySeed {
  const local = LOCAL_LEVELS.includes(at);
  return {
    key,
    nameZh,
    defaultLevel: local ? (at as Level) : 'department',
    defaultDepartment: local ? null : at,
    timeLimitDays,
    anonymousAllowed,
    ...(sixPrevention ? { sixPrevention } : {}),
  };
}

export const TAXONOMY: readonly MajorCategorySeed[] = [
  {
    key: 'urban',
    nameZh: '城市管理',
    minors: [
      minor('urban.illegal_construction', '违章搭建', DEPT.urbanManagement, 10, true),
      minor('urban.street_vending', '占道经营', 'street', 3, true),
      minor('urban.outdoor_advertising', '户外广告招牌', DEPT.urbanManagement, 7, true),
      minor('urban.construction_noise', '夜间施工噪音', DEPT.urbanManagement, 2, true),
      minor('urban.muck_truck', '渣土车抛洒滴漏', DEPT.urbanManagement, 3, true),
      minor('urban.greenbelt_damage', '毁绿占绿', 'community', 5, true),
    ],
  },
  {
    key: 'sanitation',
    nameZh: '市容环卫',
    minors: [
      minor('sanitation.garbage_overflow', '垃圾清运不及时', 'community', 2, true),
      minor('sanitation.road_cleaning', '道路清扫保洁', 'street', 2, true),
      minor('sanitation.public_toilet', '公厕管理', DEPT.urbanManagement, 3, true),
      minor('sanitation.garbage_sorting', '垃圾分类', 'community', 5, true),
      minor('sanitation.bulky_waste', '建筑及大件垃圾乱堆', 'community', 3, true),
      minor('sanitation.dead_animal', '动物尸体清理', 'street', 1, true, 'epidemic'),
    ],
  },
  {
    key: 'municipal',
    nameZh: '市政设施',
    minors: [
      minor('municipal.streetlight', '路灯不亮', DEPT.urbanManagement, 3, true),
      minor('municipal.manhole_cover', '井盖缺失破损', DEPT.housing, 1, true),
      minor('municipal.road_damage', '道路破损坑洼', DEPT.housing, 7, true),
      minor('municipal.sewer_blockage', '下水道堵塞', DEPT.housing, 3, true),
      minor('municipal.sidewalk_damage', '人行道破损', DEPT.housing, 7, true),
      minor('municipal.guardrail_damage', '护栏及交通设施损坏', DEPT.housing, 5, true),
      minor('municipal.waterlogging', '防汛排涝', DEPT.housing, 1, true, 'disaster'),
    ],
  },
  {
    key: 'property',
    nameZh: '物业管理',
    minors: [
      minor('property.elevator_fault', '电梯故障', 'community', 2, true),
      minor('property.service_quality', '物业服务不到位', 'community', 7, true),
      minor('property.fee_dispute', '物业收费争议', DEPT.housing, 10, false),
      minor('property.common_area_repair', '公共部位维修', 'community', 5, true),
      minor('property.corridor_clutter', '楼道堆物', 'grid', 2, true, 'fire'),
      minor('property.unmanaged_compound', '无物业小区管理', 'street', 10, true),
    ],
  },
  {
    key: 'housing',
    nameZh: '住房保障',
    minors: [
      minor('housing.dangerous_building', '房屋安全隐患', DEPT.housing, 1, true, 'disaster'),
      minor('housing.exterior_leakage', '屋面外墙渗漏', 'community', 7, false),
      minor('housing.public_rental', '公租房申请', DEPT.housing, 15, false),
      minor('housing.property_certificate', '不动产办证', DEPT.naturalResources, 15, false),
      minor('housing.old_compound_renovation', '老旧小区改造', DEPT.housing, 15, true),
      minor('housing.new_home_quality', '商品房交付质量', DEPT.housing, 15, false),
    ],
  },
  {
    key: 'environment',
    nameZh: '环境保护',
    minors: [
      minor('environment.cooking_fumes', '餐饮油烟扰民', DEPT.urbanManagement, 5, true),
      minor('environment.river_pollution', '河道污染', DEPT.ecology, 7, true),
      minor('environment.air_pollution', '废气异味', DEPT.ecology, 5, true),
      minor('environment.industrial_noise', '工业及商业噪声', DEPT.ecology, 5, true),
      minor('environment.open_burning', '露天焚烧', 'street', 1, true, 'fire'),
      minor('environment.illegal_dumping', '固体废物非法倾倒', DEPT.ecology, 3, true),
    ],
  },
  {
    key: 'traffic',
    nameZh: '交通出行',
    minors: [
      minor('traffic.bus_stop', '公交站点设置', DEPT.transport, 15, true),
      minor('traffic.bus_service', '公交线路班次', DEPT.transport, 10, true),
      minor('traffic.illegal_parking', '违规停车', DEPT.police, 2, true),
      minor('traffic.traffic_signal', '信号灯及标志标线', DEPT.police, 2, true),
      minor('traffic.parking_shortage', '停车难', 'street', 15, true),
      minor('traffic.shared_bikes', '共享单车乱停放', DEPT.urbanManagement, 3, true),
    ],
  },
  {
    key: 'safety',
    nameZh: '治安消防',
    minors: [
      minor('safety.ebike_charging', '电动车楼道充电', 'grid', 1, true, 'fire'),
      minor('safety.fire_hazard', '消防通道及设施隐患', 'community', 1, true, 'fire'),
      minor('safety.public_order', '治安隐患', DEPT.police, 1, true, 'disorder'),
      minor('safety.gambling', '聚众赌博', DEPT.police, 1, true, 'disorder'),
      minor('safety.dog_keeping', '违规养犬', DEPT.police, 3, true),
      minor('safety.telecom_fraud', '电信网络诈骗', DEPT.police, 1, false, 'fraud'),
      minor('safety.production_safety', '安全生产隐患', DEPT.emergency, 1, true, 'disaster'),
    ],
  },
  {
    key: 'social_security',
    nameZh: '社会保障',
    minors: [
      minor('social_security.pension', '养老保险', DEPT.humanResources, 10, false),
      minor('social_security.medical_insurance', '医保报销', DEPT.medicalInsurance, 10, false),
      minor('social_security.unemployment', '失业保险', DEPT.humanResources, 10, false),
      minor('social_security.work_injury', '工伤认定', DEPT.humanResources, 15, false),
      minor('social_security.card', '社保卡办理', DEPT.humanResources, 7, false),
      minor('social_security.enrolment', '参保登记缴费', DEPT.humanResources, 7, false),
    ],
  },
  {
    key: 'health',
    nameZh: '医疗卫生',
    minors: [
      minor('health.medical_service', '医疗服务', DEPT.health, 10, false),
      minor('health.infectious_disease', '传染病防控', DEPT.health, 1, true, 'epidemic'),
      minor('health.vaccination', '疫苗接种', DEPT.health, 5, true),
      minor('health.family_doctor', '家庭医生签约', 'community', 7, false),
      minor('health.pest_control', '病媒生物防制', 'community', 5, true, 'epidemic'),
      minor('health.public_smoking', '公共场所吸烟', DEPT.health, 5, true),
    ],
  },
  {
    key: 'education',
    nameZh: '教育',
    minors: [
      minor('education.school_place', '入学学位', DEPT.education, 10, false),
      minor('education.school_fees', '学校乱收费', DEPT.education, 10, true),
      minor('education.off_campus_training', '校外培训机构', DEPT.education, 10, true),
      minor('education.campus_safety', '校园周边安全', DEPT.education, 3, true),
      minor('education.school_bus', '校车接送', DEPT.education, 5, true),
      minor('education.kindergarten', '幼儿园入园', DEPT.education, 10, false),
    ],
  },
  {
    key: 'employment',
    nameZh: '劳动就业',
    minors: [
      minor('employment.wage_arrears', '拖欠工资', DEPT.humanResources, 5, false),
      minor('employment.labour_contract', '劳动合同纠纷', DEPT.humanResources, 15, false),
      minor('employment.job_seeking', '就业帮扶', 'community', 7, false),
      minor('employment.skills_training', '职业技能培训', DEPT.humanResources, 10, false),
      minor('employment.startup_loan', '创业担保贷款', DEPT.humanResources, 15, false),
      minor('employment.working_hours', '违法加班', DEPT.humanResources, 10, true),
    ],
  },
  {
    key: 'market',
    nameZh: '市场监管',
    minors: [
      minor('market.food_safety', '食品安全', DEPT.market, 3, true),
      minor('market.consumer_dispute', '消费纠纷', DEPT.market, 7, false),
      minor('market.pricing', '价格违法', DEPT.market, 5, true),
      minor('market.unlicensed_business', '无证经营', DEPT.market, 7, true),
      minor('market.special_equipment', '特种设备安全', DEPT.market, 3, true),
      minor('market.prepaid_card', '预付卡退费', DEPT.market, 10, false),
      minor('market.health_product_scam', '保健品虚假宣传', DEPT.market, 5, true, 'fraud'),
    ],
  },
  {
    key: 'utilities',
    nameZh: '水电气讯',
    minors: [
      minor('utilities.water_outage', '停水及水压不足', DEPT.housing, 2, true),
      minor('utilities.water_quality', '自来水水质', DEPT.housing, 2, true),
      minor('utilities.power_outage', '停电及电压不稳', DEPT.development, 2, true),
      minor('utilities.gas_safety', '燃气安全', DEPT.housing, 1, true, 'fire'),
      minor('utilities.gas_service', '燃气开户及供气', DEPT.housing, 7, false),
      minor('utilities.telecom_signal', '通信信号及宽带', DEPT.industry, 7, true),
    ],
  },
  {
    key: 'dispute',
    nameZh: '邻里纠纷',
    minors: [
      minor('dispute.noise', '生活噪音扰民', 'grid', 3, true),
      minor('dispute.leak_between_floors', '楼上漏水纠纷', 'grid', 5, false),
      minor('dispute.space_occupation', '私占公共空间', 'grid', 3, true),
      minor('dispute.pets', '宠物扰邻', 'grid', 3, true),
      minor('dispute.family_conflict', '家庭矛盾', 'community', 5, false, 'disorder'),
      minor('dispute.homestead_boundary', '宅基地及地界纠纷', 'community', 10, false),
    ],
  },
  {
    key: 'community',
    nameZh: '村(社区)事务',
    minors: [
      minor('community.certificates', '证明开具', 'community', 3, false),
      minor('community.affairs_disclosure', '村(居)务公开', 'street', 10, true),
      minor('community.activity_venue', '活动场所及设施', 'community', 7, true),
      minor('community.volunteer_service', '志愿服务', 'community', 7, true),
      minor('community.collective_assets', '集体“三资”管理', 'street', 15, true),
      minor('community.cadre_conduct', '村社干部作风', 'street', 15, true),
    ],
  },
  {
    key: 'rural',
    nameZh: '农业农村',
    minors: [
      minor('rural.rural_road', '农村道路', DEPT.transport, 15, true),
      minor('rural.drinking_water', '农村饮水安全', DEPT.water, 3, true),
      minor('rural.water_works', '塘堰及农田水利', DEPT.water, 1, true, 'disaster'),
      minor('rural.farm_subsidy', '惠农补贴', DEPT.agriculture, 10, false),
      minor('rural.land_contract', '土地承包流转', DEPT.agriculture, 15, false),
      minor('rural.living_environment', '农村人居环境', 'street', 10, true),
      minor('rural.animal_epidemic', '动物疫病及病死畜禽', DEPT.agriculture, 1, true, 'epidemic'),
    ],
  },
  {
    key: 'civil_affairs',
    nameZh: '民政救助',
    minors: [
      minor('civil_affairs.subsistence_allowance', '低保申请', DEPT.civilAffairs, 15, false, 'hardship'),
      minor('civil_affairs.elderly_alone', '独居老人帮扶', 'community', 3, false, 'hardship'),
      minor('civil_affairs.temporary_relief', '临时救助', DEPT.civilAffairs, 7, false, 'hardship'),
      minor('civil_affairs.disability_support', '残疾人帮扶', DEPT.disabled, 10, false),
      minor('civil_affairs.elderly_care', '养老服务及补贴', DEPT.civilAffairs, 10, false),
      minor('civil_affairs.vagrant_relief', '流浪乞讨人员救助', DEPT.civilAffairs, 1, true, 'hardship'),
      minor('civil_affairs.left_behind_children', '留守儿童关爱', 'community', 5, false, 'hardship'),
    ],
  },
  {
    key: 'other',
    nameZh: '其他',
    minors: [
      minor('other.suggestion', '意见建议', 'street', 15, true),
      minor('other.legal_aid', '法律咨询及援助', DEPT.justice, 7, false),
      minor('other.government_service', '政务服务及政策咨询', DEPT.government, 7, false),
      minor('other.misc', '其他事项', 'community', 7, true),
    ],
  },
];

const MINORS_BY_KEY = new Map(TAXONOMY.flatMap((major) => major.minors.map((m) => [m.key, { ...m, majorKey: major.key, majorNameZh: major.nameZh }] as const)));

/** A minor category of the seeded taxonomy with its major's key and name, by its full key. */
export function findMinor(key: string): (MinorCategorySeed & { majorKey: string; majorNameZh: string }) | undefined {
  return MINORS_BY_KEY.get(key);
}
