// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { EMPTY_NOTE, FORMULAS, formulaText, PERIOD_NOTE } from './formulas.js';

describe('formulas', () => {
  it('states each rate as numerator ÷ denominator in the gateway\u2019s terms', () => {
    expect(FORMULAS.onTime).toMatch(/^按期办结率 = .*办理时限前办结.* ÷ 期间内办结的诉求数$/);
    expect(FORMULAS.response).toContain('24 小时内');
    expect(FORMULAS.response).toContain('÷ 期间内提交且应响应的诉求数');
    expect(FORMULAS.resolution).toContain('÷ 期间内提交且甄别为有效的诉求数');
    expect(FORMULAS.satisfaction).toContain('4 分或 5 分');
    expect(FORMULAS.mediation).toContain('÷（调解成功 + 未成功）');
    for (const f of Object.values(FORMULAS)) expect(f).toMatch(/=/);
  });

  it('puts one formula a line and ends with the period and empty-denominator notes', () => {
    expect(formulaText(FORMULAS.response, FORMULAS.satisfaction).split('\n')).toEqual([FORMULAS.response, FORMULAS.satisfaction, PERIOD_NOTE, EMPTY_NOTE]);
    expect(EMPTY_NOTE).toContain('—');
  });
});
