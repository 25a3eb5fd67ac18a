/**
 * What each figure means, in the words of docs/petition-stats.md (the gateway's definitions): shown on
 * hover/focus of each chart, so a figure in a report can be explained without asking IT.
 */
export const PERIOD_NOTE = '统计区间按北京时间计，含开始日和结束日。';
export const EMPTY_NOTE = '分母为 0 时比率显示为“—”。';

export const FORMULAS = {
  onTime: '按期办结率 = 期间内办结且在办理时限前办结（以承办单位办结时间计）的诉求数 ÷ 期间内办结的诉求数',
  averageDays: '平均办理时长 = 期间内办结诉求“办结时间 − 提交时间”的天数之和 ÷ 期间内办结的诉求数',
  intake: '受理量 = 期间内提交的诉求数',
  closed: '办结量 = 期间内办结（已关闭）的诉求数',
  overdue: '超期未办结 = 当前未办结且已超过办理时限的诉求数（不受统计区间限制）',
  response: '响应率 = 提交后 24 小时内完成甄别的诉求数 ÷ 期间内提交且应响应的诉求数（已甄别，或提交已满 24 小时）',
  resolution: '解决率 = 已办结或已关闭的诉求数 ÷ 期间内提交且甄别为有效的诉求数',
  satisfaction: '满意率 = 评价为 4 分或 5 分（满意、非常满意）的诉求数 ÷ 期间内评价的诉求数',
  byChannel: '各渠道受理量 = 期间内提交的诉求数，按受理渠道分组；占比 = 该渠道受理量 ÷ 受理总量',
  byCategory: '各大类受理量 = 期间内提交的诉求数，按诉求大类分组',
  departments: '部门按期办结率 = 该部门期间内办结且按期的诉求数 ÷ 该部门期间内办结的诉求数；排名依次按按期办结率、满意率、办结量从高到低',
  mediation: '调解成功率 = 调解成功（协议生效）的案件数 ÷（调解成功 + 未成功）的案件数；未成功含转出、未达成协议和撤回；按受理月份分组',
} as const;

/** Several formulas of one chart, one per line, with the notes every chart shares. */
export function formulaText(...lines: string[]): string {
  return [...lines, PERIOD_NOTE, EMPTY_NOTE].join('\n');
}
