/**
 * Texts of the demo's mediation history: the Chinese names of the demo territory's places (the
 * same as grids' and identity's demos), the organisations' and parties' names, what residents
 * bring to mediation in each category (title, facts, the agreement's terms), what mediators note
 * after a session and on closing, and the deliberation meetings with the committee's four lists.
 *
 * Places and units come from the brief's reports (东宝区龙泉街道象山社区、金龙泉社区，马河镇马咀村、
 * 钱河村，掇刀区掇刀石街道白石坡社区、月亮湾社区，麻城镇雷集村、三联村; 东宝区总工会, 红十字会,
 * 城区路灯管理局, 税务局, 审计局; 宝源新村, “夜鹰”联防队, “幸福里”食堂, the 2,600-yuan work-injury
 * settlement). Every person is made up: mediation keeps no names of identity's persons, so the
 * mediators' and parties' names are generated from the lists below.
 *
 * Placeholders filled by the planner: {place} (a building or village group), {community},
 * {street}, {county}, {applicant}, {respondent}, {claim} and {amount} (yuan), {monthly},
 * {months}, {deadline} and {firstMonth} (Chinese dates), {year}.
 */
import type { AgreementTemplate, CaseLevel, CommitteeList, DisputeCategory, ListItemState } from '@gov/mediation-contracts';

/** Chinese names of the demo territory's path segments (counties, streets/towns, communities/villages). */
export const PLACE_ZH: Record<string, string> = {
  jingmen: '荆门市',
  dongbao: '东宝区',
  duodao: '掇刀区',
  longquan: '龙泉街道',
  mahe: '马河镇',
  duodaoshi: '掇刀石街道',
  macheng: '麻城镇',
  xiangshan: '象山社区',
  jinlongquan: '金龙泉社区',
  mazui: '马咀村',
  qianhe: '钱河村',
  baishipo: '白石坡社区',
  yueliangwan: '月亮湾社区',
  leiji: '雷集村',
  sanlian: '三联村',
};

/** Residential compounds (小区) of the urban communities, one per grid (grids' demo). */
export const COMPOUNDS_ZH: Record<string, string[]> = {
  xiangshan: ['象山新村', '象山花园', '东宝府'],
  jinlongquan: ['龙泉新村', '金泉小区'],
  baishipo: ['宝源新村', '白石坡小区', '和园小区'],
  yueliangwan: ['月亮湾花园', '书香苑'],
};

/** The people's court of each county (人民法院) and its code in case references (鄂0802 …). */
export const COURTS: Record<string, { name: string; code: string }> = {
  dongbao: { name: '东宝区人民法院', code: '鄂0802' },
  duodao: { name: '掇刀区人民法院', code: '鄂0804' },
};

/** The first six digits of residents' ID numbers by county (identity's demo uses the same). */
export const AREA_CODES: Record<string, string> = { dongbao: '420802', duodao: '420804' };

export const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

// ---- People (generated) -------------------------------------------------------------------------

export const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹熊白孟秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万覃武钱戴严莫孔向汤'];
export const GIVEN_NAMES = [
  '德华', '秀珍', '志刚', '桂英', '国平', '玉兰', '春华', '建军', '凤霞', '长青',
  '明华', '淑华', '少林', '丽娟', '红军', '爱华', '金秀', '光辉', '晓梅', '永刚',
  '海波', '雪梅', '立军', '冬梅', '国华', '素芳', '家明', '慧芳', '文斌', '翠英',
  '大勇', '小兰', '新民', '月娥', '汉林', '荆华', '宏图', '美玲', '正国', '巧云',
  '兴旺', '秋菊', '德胜', '佳琪', '子豪', '雨萱', '浩宇', '思琪', '俊峰', '丹',
  '敏', '强', '静', '军', '燕', '斌', '琴', '鹏', '萍', '涛',
];
export const PHONE_PREFIXES = ['138', '139', '159', '187', '136', '152', '180', '133', '199', '177'];

/** Property companies by community (the two real ones from the reports, the rest made up). */
export const PROPERTY_COMPANIES: Record<string, string> = {
  xiangshan: '荆门象山红色物业服务有限公司',
  jinlongquan: '荆门金泉物业管理有限公司',
  baishipo: '荆门宝源新村物业服务有限公司',
  yueliangwan: '荆门月亮湾物业服务有限公司',
};
export const DEFAULT_PROPERTY_COMPANY = '荆门安居物业服务有限公司';
export const EMPLOYERS = ['荆门鑫达建筑劳务有限公司', '荆门市宏昌机械制造有限公司', '荆门恒信物流有限公司', '荆门万福食品有限公司', '荆门楚源新材料有限公司'];
/** Village cooperatives and farms that rent villagers' land (马咀村's herb base is from the reports). */
export const COOPERATIVES: Record<string, string> = { mazui: '马咀村中药材种植专业合作社' };
export const DEFAULT_COOPERATIVE = '荆门绿源农业发展有限公司';

// ---- Cases --------------------------------------------------------------------------------------

/** Who a party is: a resident, or a company of the kind named. */
export type PartyKind = 'person' | 'property' | 'employer' | 'cooperative' | 'merchant';

export interface CaseSample {
  /** At most 60 characters. */
  title: string;
  facts: string;
  /** The amount in dispute in yuan [least, most]; null when not about money. */
  claimYuan: [number, number] | null;
  /** The level it is brought to (小事不出网格、大事不出社区). */
  level: CaseLevel;
  applicant: PartyKind;
  respondent: PartyKind;
  /** The merchant a consumer dispute is with. */
  merchant?: string;
  template: AgreementTemplate;
  /** 协议内容, one term each. */
  terms: string[];
  performanceMethod: string;
  /** Paid in monthly instalments over [least, most] months (else at once, when about money). */
  months?: [number, number];
  /** A fixed monthly payment in yuan (the work-injury allowance) instead of a share of the claim. */
  monthlyYuan?: number;
  /** Labour disputes that fail go to arbitration rather than to court. */
  arbitration?: boolean;
  /** Only in villages, or only in urban communities. */
  where?: 'village' | 'urban';
}

export const CASE_SAMPLES: Record<DisputeCategory, CaseSample[]> = {
  neighbours: [
    {
      title: '楼上卫生间漏水致楼下天花板霉变',
      facts: '{place}，申请人{applicant}家卫生间顶部长期渗水，天花板和墙面霉变脱落。经物业检查，系楼上被申请人{respondent}家卫生间防水层老化所致。双方就维修和赔偿多次协商未果，申请人要求重做防水并赔偿装修损失{claim}元。',
      claimYuan: [2000, 8000],
      level: 'grid',
      applicant: 'person',
      respondent: 'person',
      template: 'neighbours',
      terms: [
        '被申请人{respondent}于{deadline}前委托专业人员重做卫生间防水层，施工前告知申请人。',
        '被申请人一次性赔偿申请人天花板及墙面修复费用{amount}元。',
        '防水施工完成后由物业进行闭水试验，确认不再渗漏。',
        '双方就此事再无其他争议，今后互谅互让、和睦相处。',
      ],
      performanceMethod: '现场施工，赔偿款银行转账',
      where: 'urban',
    },
    {
      title: '空调外机正对卧室窗户噪音扰邻',
      facts: '{place}，被申请人{respondent}今年夏天新装空调，外机安装在申请人{applicant}卧室窗户正下方，夜间运行噪音和热风影响申请人一家休息。申请人多次上门沟通无果，双方在楼道发生口角，网格员劝开后引导双方调解。',
      claimYuan: null,
      level: 'grid',
      applicant: 'person',
      respondent: 'person',
      template: 'neighbours',
      terms: [
        '被申请人于{deadline}前将空调外机移装至自家阳台外侧，并加装减震垫。',
        '移装费用由被申请人承担，申请人对施工予以配合。',
        '双方就争执中的过激言语互相致歉。',
      ],
      performanceMethod: '现场施工',
    },
    {
      title: '楼道堆放杂物占用消防通道引发争执',
      facts: '{place}，被申请人{respondent}在一楼楼道长期堆放旧家具和纸箱，申请人{applicant}多次要求清理未果，双方争吵中发生推搡。楼栋长报告网格员后，网格员组织双方到网格工作站调解。',
      claimYuan: null,
      level: 'grid',
      applicant: 'person',
      respondent: 'person',
      template: 'neighbours',
      terms: [
        '被申请人于{deadline}前清理堆放在楼道内的杂物和旧家具。',
        '今后楼道内不再堆放物品，由楼栋长监督。',
        '双方就推搡一事互相致歉，今后遇事协商解决。',
      ],
      performanceMethod: '自行清理，楼栋长现场确认',
    },
    {
      title: '饲养犬只咬伤邻居赔偿纠纷',
      facts: '申请人{applicant}傍晚在{place}散步时，被被申请人{respondent}未牵绳的犬只咬伤小腿，先后注射狂犬疫苗五针并误工十余天。双方就医疗费和误工费赔偿数额争执不下。',
      claimYuan: [1500, 6000],
      level: 'community',
      applicant: 'person',
      respondent: 'person',
      template: 'neighbours',
      terms: [
        '被申请人赔偿申请人医疗费、狂犬疫苗费及误工费共计{amount}元，于{deadline}前付清。',
        '被申请人今后遛狗时牵绳，并按规定办理犬只登记和免疫。',
        '双方就此事再无其他争议。',
      ],
      performanceMethod: '银行转账',
    },
    {
      title: '装修施工震裂邻居墙体',
      facts: '被申请人{respondent}装修{place}住房时拆除部分墙体，申请人{applicant}家卧室和客厅墙面出现多道裂缝，瓷砖空鼓。申请人要求赔偿修复费用{claim}元，被申请人认为裂缝系房屋老化所致，双方僵持不下。',
      claimYuan: [5000, 20000],
      level: 'community',
      applicant: 'person',
      respondent: 'person',
      template: 'neighbours',
      terms: [
        '被申请人承担申请人墙体裂缝及瓷砖修复费用{amount}元，于{deadline}前付清。',
        '修复由双方共同认可的施工队完成。',
        '被申请人今后装修遵守小区装修管理规定，中午及晚间不施工。',
      ],
      performanceMethod: '银行转账',
      where: 'urban',
    },
  ],
  land_boundary: [
    {
      title: '翻建住房宅基地界址争议',
      facts: '申请人{applicant}在{place}翻建住房，被申请人{respondent}认为新建墙基越过两家宅基地界址约40厘米，多次阻止施工，双方发生争执。村“五员”议事小组现场查看后提请调解。',
      claimYuan: null,
      level: 'community',
      applicant: 'person',
      respondent: 'person',
      template: 'general',
      terms: [
        '以宅基地确权登记图为准，由村委会会同镇自然资源所和双方于{deadline}前现场确认界址并埋设界桩。',
        '申请人按确认的界址调整墙基位置，被申请人不再阻止施工。',
        '两家之间保留0.8米滴水通道，双方共同维护，不得堆放杂物。',
      ],
      performanceMethod: '现场确认界址并施工',
      where: 'village',
    },
    {
      title: '田埂界址与排水沟归属纠纷',
      facts: '{place}，申请人{applicant}与被申请人{respondent}两家承包田相邻。被申请人春耕时将田埂向申请人一侧移动约半米，并填平了两家共用的排水沟，致申请人稻田积水减产，申请人要求恢复原状并赔偿损失{claim}元。',
      claimYuan: [800, 3000],
      level: 'community',
      applicant: 'person',
      respondent: 'person',
      template: 'general',
      terms: [
        '以原承包合同及村委会测量结果为准，被申请人于{deadline}前将田埂恢复至原位置。',
        '排水沟由双方共用，每年春耕前共同清淤。',
        '被申请人补偿申请人当季减产损失{amount}元。',
      ],
      performanceMethod: '现场恢复，补偿款现金当面交付',
      where: 'village',
    },
    {
      title: '承包林地边界及越界砍伐纠纷',
      facts: '申请人{applicant}与被申请人{respondent}的承包林地在{place}后山相邻。被申请人砍伐时越界伐走申请人杉树二十余棵，申请人要求按市价赔偿{claim}元，双方对边界位置各执一词。',
      claimYuan: [3000, 12000],
      level: 'street',
      applicant: 'person',
      respondent: 'person',
      template: 'general',
      terms: [
        '由镇林业站会同村委会依据林权证于{deadline}前现场勘界，设置界桩。',
        '被申请人越界砍伐的林木按{amount}元作价补偿申请人。',
        '今后双方砍伐林木前通知对方并由村委会现场确认。',
      ],
      performanceMethod: '现场勘界，补偿款银行转账',
      where: 'village',
    },
    {
      title: '土地流转租金未按期支付',
      facts: '申请人{applicant}等五户村民将{place}的承包地流转给被申请人{respondent}种植中药材，合同约定租金每年底一次付清。被申请人以去年收成不好为由拖欠租金共计{claim}元，村民多次催要未果。',
      claimYuan: [5000, 20000],
      level: 'community',
      applicant: 'person',
      respondent: 'cooperative',
      template: 'payment',
      terms: [
        '被申请人于{deadline}前向申请人等五户村民支付拖欠的土地流转租金共计{amount}元。',
        '今后租金按合同约定于每年12月31日前一次付清。',
        '合同其他条款继续履行。',
      ],
      performanceMethod: '银行转账',
      where: 'village',
    },
  ],
  marriage_family: [
    {
      title: '子女赡养老人费用分担纠纷',
      facts: '申请人{applicant}年逾七旬，独居在{place}，患有高血压和糖尿病，常年服药。其三个子女对赡养费分担和轮流照料意见不一，被申请人{respondent}以外出务工为由长期未支付赡养费，老人生活困难。',
      claimYuan: [6000, 12000],
      level: 'community',
      applicant: 'person',
      respondent: 'person',
      template: 'marriage_family',
      terms: [
        '被申请人自{firstMonth}起每月10日前向申请人支付赡养费{monthly}元，共{months}期。',
        '申请人的医疗费用在医保报销后由子女三人平均分担。',
        '子女每周至少探望一次，节假日轮流接老人同住。',
      ],
      performanceMethod: '银行转账',
      months: [6, 12],
    },
    {
      title: '离婚后子女抚养费拖欠纠纷',
      facts: '申请人{applicant}与被申请人{respondent}于三年前协议离婚，约定女儿随申请人生活，被申请人每月支付抚养费。被申请人自去年起以收入减少为由停止支付，累计拖欠{claim}元。',
      claimYuan: [6000, 18000],
      level: 'community',
      applicant: 'person',
      respondent: 'person',
      template: 'marriage_family',
      terms: [
        '被申请人分{months}期补付拖欠的抚养费共计{amount}元，自{firstMonth}起每月支付{monthly}元。',
        '自本协议签订之日起，被申请人按离婚协议按月支付抚养费，不再拖欠。',
        '被申请人每月可探望女儿两次，申请人予以配合。',
      ],
      performanceMethod: '银行转账',
      months: [4, 10],
    },
    {
      title: '婆媳矛盾引发家庭纠纷',
      facts: '申请人{applicant}与儿子、儿媳同住在{place}。因生活习惯和照看孙子问题，申请人与儿媳{respondent}长期不和，近日争吵后申请人离家到亲戚家居住，要求儿子儿媳给个说法。',
      claimYuan: null,
      level: 'grid',
      applicant: 'person',
      respondent: 'person',
      template: 'marriage_family',
      terms: [
        '双方互相体谅，被申请人就争吵中的过激言行向申请人道歉。',
        '老人与儿子儿媳分开居住，生活费由儿子每月按时给付。',
        '家庭事务由家庭成员共同商量，网格员定期回访。',
      ],
      performanceMethod: '当事人自行履行，网格员回访',
    },
    {
      title: '父母遗留房屋继承分割纠纷',
      facts: '申请人{applicant}与被申请人{respondent}系兄妹，父母去世后留下{place}住房一套，未留遗嘱。申请人一直与父母同住并照料，要求继承房屋；被申请人要求按份分割，双方多年不相往来。',
      claimYuan: [80000, 300000],
      level: 'street',
      applicant: 'person',
      respondent: 'person',
      template: 'marriage_family',
      terms: [
        '父母遗留的房屋由申请人继承所有，申请人补偿被申请人房屋折价款{amount}元。',
        '申请人于{deadline}前付清补偿款，双方随后共同办理不动产继承登记。',
        '双方就父母遗产再无其他争议。',
      ],
      performanceMethod: '银行转账，共同办理不动产登记',
    },
  ],
  property_management: [
    {
      title: '业主拖欠物业服务费纠纷',
      facts: '被申请人{respondent}系{place}业主，以小区楼道照明和绿化维护不到位为由，自前年起拒交物业服务费共计{claim}元。申请人物业公司多次催缴未果，申请调解。',
      claimYuan: [1200, 4800],
      level: 'grid',
      applicant: 'property',
      respondent: 'person',
      template: 'payment',
      terms: [
        '被申请人分{months}期缴清拖欠的物业服务费{amount}元，物业公司减免滞纳金。',
        '物业公司于一个月内维修楼道照明、修剪绿化，并在楼栋公示整改结果。',
        '今后物业服务问题通过业委会和“红板凳议事会”反映，不以拒交物业费方式解决。',
      ],
      performanceMethod: '微信或银行转账至物业公司账户',
      months: [2, 4],
      where: 'urban',
    },
    {
      title: '电梯频繁故障停运维修纠纷',
      facts: '{place}电梯一个月内停运四次，最长一次停运五天，楼上多位老人无法下楼就医。申请人{applicant}作为业主代表要求物业公司彻底维修，物业公司称需动用维修资金，双方争执不下。',
      claimYuan: null,
      level: 'community',
      applicant: 'person',
      respondent: 'property',
      template: 'general',
      terms: [
        '物业公司于{deadline}前更换电梯主板及门机系统，费用按程序从专项维修资金列支并公示。',
        '维修期间物业公司安排人员为行动不便的老人提供上下楼帮助。',
        '电梯维保单位每月全面检查一次，检查记录在单元门口公示。',
      ],
      performanceMethod: '物业公司组织维修，业主代表验收',
      where: 'urban',
    },
    {
      title: '地下车库渗水致车辆受损赔偿',
      facts: '{place}地下车库顶板连续多日渗水，申请人{applicant}停放的车辆被泡，发动机进水。申请人认为物业公司未及时排水，要求赔偿维修费{claim}元；物业公司认为系暴雨所致，不同意全额赔偿。',
      claimYuan: [5000, 20000],
      level: 'community',
      applicant: 'person',
      respondent: 'property',
      template: 'payment',
      terms: [
        '物业公司赔偿申请人车辆维修费用{amount}元，于{deadline}前支付。',
        '物业公司于一个月内完成车库顶板防水修复，并在雨季增设排水泵。',
        '双方就此事再无其他争议。',
      ],
      performanceMethod: '银行转账',
      where: 'urban',
    },
    {
      title: '小区停车费收费标准争议',
      facts: '{place}业主{applicant}反映物业公司今年起上调地面停车费，未经业主大会讨论，也未公示收费依据，要求退还多收的停车费{claim}元。',
      claimYuan: [300, 1200],
      level: 'grid',
      applicant: 'person',
      respondent: 'property',
      template: 'general',
      terms: [
        '物业公司按备案标准收取停车费，多收部分{amount}元于{deadline}前退还申请人。',
        '停车收费标准在小区出入口公示，调整须经业主大会讨论。',
      ],
      performanceMethod: '退款至业主缴费账户',
      where: 'urban',
    },
  ],
  labour_injury: [
    {
      title: '建筑工地农民工工资拖欠',
      facts: '申请人{applicant}等六名工人在被申请人{respondent}承接的{community}安置房项目从事泥瓦工作，工程完工后被申请人以工程款未结算为由拖欠工资共计{claim}元。工人多次讨要未果，情绪激动。',
      claimYuan: [20000, 90000],
      level: 'street',
      applicant: 'person',
      respondent: 'employer',
      template: 'payment',
      terms: [
        '被申请人分{months}期支付拖欠的工资共计{amount}元，自{firstMonth}起每月支付{monthly}元。',
        '总承包单位承担连带支付责任，被申请人逾期未付的由总承包单位直接支付。',
        '工资付清后，双方就本次欠薪再无其他争议。',
      ],
      performanceMethod: '银行转账至工人本人账户',
      months: [2, 3],
      arbitration: true,
    },
    {
      title: '工伤伤残待遇调整纠纷',
      facts: '申请人{applicant}多年前在被申请人{respondent}工作期间因工烫伤，经鉴定为二级伤残。因护理费和伤残抚恤金与现行标准存在差额，双方多年协商未果，申请人到综治中心求助，法官工作室联合调解工作室组织双方面对面沟通。',
      claimYuan: null,
      level: 'county',
      applicant: 'person',
      respondent: 'employer',
      template: 'labour_injury',
      terms: [
        '被申请人自{firstMonth}起每月15日前向申请人支付补助2600元，包含护理费和伤残抚恤金的差额部分，共{months}期。',
        '期满后双方根据伤情复查结论和届时标准另行协商。',
        '申请人不再就本次工伤待遇差额向被申请人主张其他费用。',
      ],
      performanceMethod: '银行转账至申请人社保卡账户',
      months: [24, 24],
      monthlyYuan: 2600,
      arbitration: true,
    },
    {
      title: '工伤一次性伤残补助赔偿纠纷',
      facts: '申请人{applicant}在被申请人{respondent}车间作业时右手被机器压伤，经认定为工伤、鉴定为九级伤残。申请人要求解除劳动关系并一次性赔偿{claim}元，被申请人认为数额过高。',
      claimYuan: [60000, 200000],
      level: 'county',
      applicant: 'person',
      respondent: 'employer',
      template: 'labour_injury',
      terms: [
        '被申请人一次性支付申请人一次性伤残补助金、医疗补助金及就业补助金共计{amount}元，于{deadline}前付清。',
        '双方劳动关系于本协议签订之日解除，被申请人为申请人出具离职证明。',
        '款项付清后，申请人不再就本次工伤向被申请人主张任何权利。',
      ],
      performanceMethod: '银行转账',
      arbitration: true,
    },
    {
      title: '解除劳动合同经济补偿纠纷',
      facts: '被申请人{respondent}因业务调整解除与申请人{applicant}的劳动合同，未支付经济补偿。申请人在该公司工作六年，要求支付经济补偿{claim}元。',
      claimYuan: [10000, 40000],
      level: 'street',
      applicant: 'person',
      respondent: 'employer',
      template: 'payment',
      terms: [
        '被申请人支付申请人解除劳动合同经济补偿金{amount}元，于{deadline}前付清。',
        '被申请人于十日内为申请人办理社保转移手续并出具离职证明。',
      ],
      performanceMethod: '银行转账',
      arbitration: true,
    },
  ],
  consumer: [
    {
      title: '健身房闭店预付卡退费纠纷',
      facts: '申请人{applicant}在{merchant}办理年卡并预付{claim}元，使用不到三个月该店以装修为由停业，至今未重新开业，也未退还余额。同一小区另有十余名会员反映相同问题。',
      claimYuan: [1000, 5000],
      level: 'street',
      applicant: 'person',
      respondent: 'merchant',
      merchant: '荆门悦动健身俱乐部',
      template: 'payment',
      terms: [
        '被申请人退还申请人未消费的预付卡余额{amount}元，于{deadline}前付清。',
        '被申请人在门店及会员群公示退费方案，其他会员按同一标准退费。',
      ],
      performanceMethod: '原路退回',
      where: 'urban',
    },
    {
      title: '家庭装修工程质量纠纷',
      facts: '申请人{applicant}将{place}住房交由{merchant}装修，合同价{claim}元。入住不到半年卫生间漏水、地板起拱，申请人要求返工并退还部分工程款，装修公司认为系使用不当。',
      claimYuan: [10000, 50000],
      level: 'street',
      applicant: 'person',
      respondent: 'merchant',
      merchant: '荆门家和装饰工程有限公司',
      template: 'general',
      terms: [
        '被申请人于{deadline}前对卫生间防水和客厅地板免费返工。',
        '被申请人退还申请人工程款{amount}元作为损失补偿。',
        '返工完成后由申请人和社区调解员共同验收。',
      ],
      performanceMethod: '返工维修，退款银行转账',
      where: 'urban',
    },
    {
      title: '新购电动车质量问题退换纠纷',
      facts: '申请人{applicant}在{merchant}购买电动自行车一辆，价款{claim}元，骑行一个月电池无法充电，多次返修仍有故障。申请人要求退车退款，商家只同意维修。',
      claimYuan: [2000, 5000],
      level: 'community',
      applicant: 'person',
      respondent: 'merchant',
      merchant: '荆门绿驰电动车销售店',
      template: 'general',
      terms: [
        '被申请人为申请人更换同型号新车一辆，或按申请人选择退还购车款{amount}元。',
        '更换或退款于{deadline}前完成。',
      ],
      performanceMethod: '门店当面办理',
    },
    {
      title: '校外培训机构退费纠纷',
      facts: '申请人{applicant}为孩子在{merchant}报名一学年课程并预交学费{claim}元，因机构频繁更换老师、调整上课时间，申请人要求退还剩余课时费用，机构以合同约定不退费为由拒绝。',
      claimYuan: [3000, 12000],
      level: 'street',
      applicant: 'person',
      respondent: 'merchant',
      merchant: '荆门优学教育培训学校',
      template: 'payment',
      terms: [
        '被申请人按剩余课时退还申请人学费{amount}元，于{deadline}前付清。',
        '合同中“一律不退费”的条款双方确认不再适用。',
      ],
      performanceMethod: '原路退回',
      where: 'urban',
    },
  ],
  other: [
    {
      title: '电动车与行人碰撞赔偿纠纷',
      facts: '被申请人{respondent}驾驶电动自行车在{place}附近将步行的申请人{applicant}撞倒，致其左腕骨折。交警认定被申请人负主要责任，双方就医疗费、误工费等赔偿数额协商不成。',
      claimYuan: [2000, 15000],
      level: 'community',
      applicant: 'person',
      respondent: 'person',
      template: 'payment',
      terms: [
        '被申请人赔偿申请人医疗费、误工费、护理费等共计{amount}元，于{deadline}前付清。',
        '申请人后续治疗费用凭票据在三个月内由被申请人承担百分之八十。',
      ],
      performanceMethod: '银行转账',
    },
    {
      title: '亲戚间民间借贷还款纠纷',
      facts: '被申请人{respondent}三年前向申请人{applicant}借款{claim}元用于经营，约定一年归还，到期后以生意亏损为由一再拖延。双方系表亲，申请人不愿起诉，请求调解。',
      claimYuan: [10000, 50000],
      level: 'community',
      applicant: 'person',
      respondent: 'person',
      template: 'payment',
      terms: [
        '被申请人分{months}期归还借款{amount}元，自{firstMonth}起每月支付{monthly}元。',
        '被申请人按期还款的，申请人放弃利息主张。',
        '任何一期逾期超过十五日，申请人可就剩余款项申请强制执行。',
      ],
      performanceMethod: '银行转账',
      months: [5, 10],
    },
    {
      title: '合伙经营餐馆散伙分红纠纷',
      facts: '申请人{applicant}与被申请人{respondent}合伙在{street}经营餐馆三年，去年散伙时未进行清算，店内设备和剩余货款由被申请人处置。申请人要求分得剩余财产{claim}元，双方账目说法不一。',
      claimYuan: [20000, 80000],
      level: 'street',
      applicant: 'person',
      respondent: 'person',
      template: 'payment',
      terms: [
        '经双方共同对账，被申请人支付申请人合伙剩余财产分配款{amount}元，于{deadline}前付清。',
        '餐馆设备归被申请人所有，双方合伙关系就此终结。',
      ],
      performanceMethod: '银行转账',
    },
  ],
};

/** The dispute a five-member meeting hands to the community's mediation committee, in a village and in a town. */
export const DELIBERATION_SAMPLES: { village: CaseSample; urban: CaseSample } = {
  village: CASE_SAMPLES.land_boundary[0]!,
  urban: CASE_SAMPLES.neighbours[2]!,
};

export const SESSION_NOTES = {
  first: [
    '调解员向双方释明相关法律规定，分别听取陈述并固定争议焦点，双方同意在调解员主持下协商解决。',
    '调解员先背对背做双方工作，再组织面对面沟通，双方情绪趋于平稳，同意下次带齐票据再谈。',
    '现场查看了争议部位，拍照留存，双方对基本事实无异议，对赔偿数额分歧较大。',
  ],
  settled: [
    '经背对背和面对面调解，双方在互谅互让基础上达成一致，当场签署调解协议。',
    '调解员结合法律规定和村规民约释法说理，双方就主要条款达成一致，当场签字确认。',
    '“五老”成员以亲身经历劝导，双方各让一步，达成调解协议。',
  ],
  failed: [
    '申请人坚持原诉求，被申请人不同意赔偿，双方差距较大，本次未达成一致。',
    '被申请人对事实认定有异议，要求先行鉴定，本次调解未果。',
  ],
  cancelled: ['被申请人电话告知临时外出，本次调解改期。', '申请人住院治疗，本次调解改期举行。'],
  online: '通过远程视频调解，在外务工的当事人在线参加，双方身份经核验。',
};

export const CLOSING_NOTES = {
  performed: ['协议已履行完毕，回访双方无异议，案件办结。', '款项已全部付清，双方关系缓和，案件办结归档。'],
  referred_litigation: ['双方分歧较大，调解不成，已告知申请人可向人民法院起诉。', '被申请人拒不参加调解，终止调解，引导申请人依法诉讼。'],
  referred_arbitration: ['调解未成，引导申请人向劳动人事争议仲裁委员会申请仲裁，并协助准备证据材料。'],
  withdrawn: ['申请人表示双方已自行和解，撤回调解申请。', '申请人撤回调解申请，表示将通过其他途径解决。'],
  no_agreement: ['经多次调解双方仍未达成一致，终止调解，告知双方依法维权途径。'],
  rejected: '司法确认申请被裁定驳回，协议未能履行，引导当事人依法向人民法院起诉。',
};

export const ESCALATION_REASONS = {
  community: '涉及金额较大、当事人情绪激烈，网格层面难以化解，提请社区人民调解委员会调解。',
  street: '涉及多方主体和专业认定，社区调解未果，提请街道人民调解委员会联合调解。',
  county: '当事人对调解意见分歧较大，提请区矛盾纠纷调处化解中心会同法官工作室调解。',
};

export const FOLLOW_UP_NOTES = {
  paid: '已按期支付第{n}期{amount}元，申请人确认收到。',
  paidLate: '逾期{days}天后补交第{n}期{amount}元，调解员已提醒按期履行。',
  visit: '回访双方，协议约定事项已履行，双方关系缓和，无新的矛盾。',
  abandoned: '协议未能履行，案件转诉讼处理。',
};

// ---- Deliberation meetings and the four lists -----------------------------------------------------

/** Seats of the five-member deliberation (五员议事), by identity's deliberation role. */
export const DELIBERATION_SEATS: Record<string, string> = {
  information_collector: '信息员',
  policy_explainer: '宣讲员',
  dispute_mediator: '调解员',
  custom_reformer: '倡导员',
  special_group_helper: '帮扶员',
};

/** Member units of the communities' big party committees (大党委), by county (from the reports and identity's demo). */
export const MEMBER_UNITS: Record<string, string[]> = {
  dongbao: ['东宝区总工会', '东宝区红十字会', '荆门市城区路灯管理局', '国家税务总局荆门市东宝区税务局', '东宝区审计局', '东宝区住房和城乡建设局', '东宝区民政局', '荆门象山红色物业服务有限公司', '龙泉派出所'],
  duodao: ['掇刀区城市管理执法局', '掇刀区住房和城乡建设局', '掇刀区退役军人事务局', '掇刀区红色商户联盟', '掇刀区卫生健康局', '掇刀区民政局', '荆门宝源新村物业服务有限公司', '中国电信荆门分公司', '掇刀石派出所'],
};

export interface AgendaSample {
  title: string;
  /** What was said, for the minutes. */
  discussion: string;
  decision: string;
  /** What the decision asks for (tasks act on `task`, petitions on `proposal`). */
  action: 'none' | 'task' | 'proposal';
}

export const AGENDA_SAMPLES: Record<'five_member' | 'red_bench' | 'evening_talk', { urban: AgendaSample[]; village: AgendaSample[] }> = {
  five_member: {
    urban: [
      { title: '独居老人冬季走访帮扶安排', discussion: '帮扶员通报辖区独居老人28户，其中高龄失能老人6户，建议每户明确一名联系人。', decision: '帮扶员牵头，楼栋长配合，每周走访独居老人一次并建立台账。', action: 'task' },
      { title: '小区广场舞音响噪音协调', discussion: '信息员收集到12条居民意见，晚上8点半以后音响声音偏大影响学生学习。', decision: '与广场舞队约定晚8点半前结束、音量不超过55分贝，由倡导员督促。', action: 'none' },
      { title: '反诈宣传进楼栋', discussion: '宣讲员通报近期冒充客服退款诈骗多发，老年人是主要对象。', decision: '宣讲员每月在各楼栋开展一次反诈宣传，网格员推送预警信息。', action: 'task' },
      { title: '老旧小区加装电梯意愿摸底', discussion: '多个单元居民提出加装电梯，但低层住户意见不一。', decision: '将加装电梯事项提交居民提议，由各单元业主表决。', action: 'proposal' },
    ],
    village: [
      { title: '灌溉水渠清淤分工', discussion: '信息员反映三组与五组共用的灌溉水渠淤塞，两组村民对出工分担有意见。', decision: '按受益田亩出工，村委会提供挖机一台，三月底前完成清淤。', action: 'task' },
      { title: '移风易俗：红白喜事简办约定', discussion: '倡导员通报近期几户办酒规模偏大，村民人情负担重。', decision: '将婚丧嫁娶简办、礼金不超过200元写入村规民约，由倡导员宣传。', action: 'none' },
      { title: '留守老人和儿童关爱', discussion: '帮扶员通报全村留守老人43人、留守儿童17人。', decision: '组织党员结对帮扶，每月上门一次，寒暑假开办“四点半课堂”。', action: 'task' },
      { title: '村口道路夜间照明不足', discussion: '村民反映村口至卫生室道路无路灯，老人夜间就医不便。', decision: '向镇政府申请安装太阳能路灯12盏，村委会负责后期维护。', action: 'proposal' },
    ],
  },
  red_bench: {
    urban: [
      { title: '小区停车秩序整治', discussion: '居民代表反映消防通道被占用，夜间车辆乱停乱放；物业提出可划定临时停车位。', decision: '物业三日内清理消防通道并施划临时车位，网格员督办。', action: 'task' },
      { title: '楼道堆物清理', discussion: '楼栋长通报部分楼道堆放杂物、电动车进楼充电，存在火灾隐患。', decision: '开展楼道清理周活动，物业在小区增设电动车集中充电桩。', action: 'task' },
      { title: '小区绿化带改建菜地问题', discussion: '部分居民在绿化带种菜，其他居民意见较大。', decision: '由居民代表劝导恢复绿化，另在空地划出“共享菜园”由居民认领。', action: 'none' },
    ],
    village: [],
  },
  evening_talk: {
    urban: [],
    village: [
      { title: '中药材基地务工与土地流转', discussion: '村民关心基地用工报酬和流转租金按时发放。', decision: '合作社每月公示务工名单和工资发放情况，租金年底一次付清。', action: 'none' },
      { title: '村组道路硬化筹资筹劳', discussion: '四组村民要求硬化通组公路，需村民自筹部分资金。', decision: '按“一事一议”程序召开户代表会议表决筹资方案。', action: 'proposal' },
      { title: '秸秆禁烧和人居环境整治', discussion: '网格员通报秋收后秸秆焚烧隐患，部分农户房前屋后垃圾堆放。', decision: '党员包片巡查，秸秆统一还田或回收，每月评选“清洁庭院”。', action: 'task' },
    ],
  },
};

export interface ListItemSample {
  list: CommitteeList;
  title: string;
  detail: string;
  /** Where it stands today: done and dropped items came from the earlier joint meeting, open ones from the latest. */
  state: ListItemState;
  /** The member unit (驻区单位) that offers the resource or carries the work, by county. */
  owner?: { dongbao: string; duodao: string };
  where: 'village' | 'urban' | 'any';
}

/** The committee's four lists (四张清单: 问题、需求、资源、项目), every list with items in several states. */
export const LIST_ITEM_SAMPLES: ListItemSample[] = [
  { list: 'problems', title: '背街小巷夜间照明不足', detail: '居民点背街小巷无路灯，老人夜间回家不便，存在安全隐患。', state: 'done', owner: { dongbao: '荆门市城区路灯管理局', duodao: '掇刀区城市管理执法局' }, where: 'any' },
  { list: 'problems', title: '坡陡弯急路段车速过快', detail: '主干道下坡转弯处多次发生电动车剐蹭，需加装减速设施。', state: 'done', owner: { dongbao: '东宝区审计局', duodao: '掇刀区住房和城乡建设局' }, where: 'any' },
  { list: 'problems', title: '老旧小区雨污管网破损', detail: '汛期部分楼栋化粪池外溢，雨污混流，需整体改造。', state: 'in_progress', owner: { dongbao: '东宝区住房和城乡建设局', duodao: '掇刀区住房和城乡建设局' }, where: 'urban' },
  { list: 'problems', title: '小区停车难、停车乱', detail: '晚高峰车辆占用消防通道，需挖潜车位并规范管理。', state: 'open', where: 'urban' },
  { list: 'problems', title: '灌溉管道老化水压不足', detail: '灌溉管道老化，四个村民小组抽水困难。', state: 'in_progress', owner: { dongbao: '东宝区住房和城乡建设局', duodao: '掇刀区住房和城乡建设局' }, where: 'village' },
  { list: 'problems', title: '通组公路坑洼积水', detail: '四组通组公路雨后积水严重，农用车辆通行困难。', state: 'open', where: 'village' },
  { list: 'needs', title: '会客厅增设急救角', detail: '会客厅常有老人孩子活动，居民提议配备急救包、AED和培训模具。', state: 'done', owner: { dongbao: '东宝区总工会', duodao: '掇刀区卫生健康局' }, where: 'any' },
  { list: 'needs', title: '“四点半课堂”活动场地', detail: '双职工家庭孩子放学后无人看护，需要课后托管场地和志愿者。', state: 'in_progress', owner: { dongbao: '国家税务总局荆门市东宝区税务局', duodao: '掇刀区退役军人事务局' }, where: 'any' },
  { list: 'needs', title: '老年人助餐服务', detail: '高龄和失能老人就餐难，希望就近设立助餐点并提供送餐。', state: 'open', where: 'any' },
  { list: 'needs', title: '居民议事活动场所', detail: '社区缺少可容纳百人的议事和活动场所。', state: 'done', owner: { dongbao: '国家税务总局荆门市东宝区税务局', duodao: '中国电信荆门分公司' }, where: 'urban' },
  { list: 'resources', title: '300人会议室免费开放', detail: '驻区单位会议室周末对社区免费开放，用于居民议事和培训。', state: 'in_progress', owner: { dongbao: '国家税务总局荆门市东宝区税务局', duodao: '中国电信荆门分公司' }, where: 'any' },
  { list: 'resources', title: '急救培训师资', detail: '每季度派出急救培训师，为居民和红管家开展培训。', state: 'open', owner: { dongbao: '东宝区红十字会', duodao: '掇刀区卫生健康局' }, where: 'any' },
  { list: 'resources', title: '红色商户积分兑换', detail: '商户提供日用品，用于红管家积分兑换。', state: 'in_progress', owner: { dongbao: '东宝区总工会', duodao: '掇刀区红色商户联盟' }, where: 'any' },
  { list: 'resources', title: '退役军人义务巡逻队', detail: '退役军人组建“夜鹰”义务联防队，承担夜间治安巡逻和矛盾劝解。', state: 'done', owner: { dongbao: '龙泉派出所', duodao: '掇刀区退役军人事务局' }, where: 'any' },
  { list: 'resources', title: '闲置仓库场地', detail: '驻区企业闲置仓库可无偿借用，因消防条件不达标不再使用。', state: 'dropped', owner: { dongbao: '荆门象山红色物业服务有限公司', duodao: '荆门宝源新村物业服务有限公司' }, where: 'any' },
  { list: 'projects', title: '红色物业党支部阵地改造', detail: '协调开发商腾出100平方米闲置房，改造为红色物业党支部阵地。', state: 'done', owner: { dongbao: '国家税务总局荆门市东宝区税务局', duodao: '荆门宝源新村物业服务有限公司' }, where: 'urban' },
  { list: 'projects', title: '背街小巷加装路灯18盏', detail: '在背街小巷居民点加装路灯18盏，照亮居民回家路。', state: 'done', owner: { dongbao: '荆门市城区路灯管理局', duodao: '掇刀区城市管理执法局' }, where: 'any' },
  { list: 'projects', title: '“幸福里”社区食堂', detail: '共商共建社区食堂，为老年人提供助餐和送餐。', state: 'in_progress', owner: { dongbao: '东宝区民政局', duodao: '掇刀区民政局' }, where: 'urban' },
  { list: 'projects', title: '中药材基地联建', detail: '三村联建180亩中药材基地，组织村民在家门口务工。', state: 'in_progress', owner: { dongbao: '东宝区民政局', duodao: '掇刀区民政局' }, where: 'village' },
  { list: 'projects', title: '新建灌溉泵房', detail: '新建泵房解决四个村民小组灌溉水压不足问题。', state: 'open', owner: { dongbao: '东宝区住房和城乡建设局', duodao: '掇刀区住房和城乡建设局' }, where: 'village' },
  { list: 'projects', title: '小区加装电梯试点', detail: '一个单元试点加装电梯，因低层住户反对暂缓实施。', state: 'dropped', where: 'urban' },
];

/** Minutes' opening and closing lines. */
export const MINUTES = {
  opening: '{date}，{kind}在{place}召开，{host}主持，应到{expected}人，实到{present}人。',
  item: '议题{n}：{title}。{discussion}会议决定：{decision}',
  closing: '会议记录经与会人员确认。',
};

export const MEETING_KIND_ZH = {
  five_member: '“五员议事”会',
  red_bench: '“红板凳议事会”',
  evening_talk: '“村湾夜话”',
  joint_committee: '“大党委”联席会',
} as const;

export const LIST_ZH: Record<CommitteeList, string> = { problems: '问题清单', needs: '需求清单', resources: '资源清单', projects: '项目清单' };
