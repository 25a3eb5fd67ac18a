/** Chinese short names of the counties' mediation offices, for case numbers; other counties use their path segment. */
export const COUNTY_SHORT_ZH: Record<string, string> = {
  dongbao: '东宝',
  duodao: '掇刀',
  jingshan: '京山',
  shayang: '沙洋',
  zhongxiang: '钟祥',
  zhanghe: '漳河',
};

/** 东宝调〔2026〕0042号: county, year and the county's running number that year. */
export function caseNumber(county: string, year: number, n: number): string {
  return `${COUNTY_SHORT_ZH[county] ?? county}调〔${year}〕${String(n).padStart(4, '0')}号`;
}
