// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { BOM, buildCsv, csvCell, csvFileName } from './csv.js';

describe('csv', () => {
  it('starts with a UTF-8 BOM so Excel reads the Chinese, and ends lines with CRLF', () => {
    const text = buildCsv({ columns: ['受理渠道', '受理量'], rows: [['12345热线', 12]] });
    expect(text.startsWith(BOM)).toBe(true);
    expect(text).toBe('\uFEFF受理渠道,受理量\r\n12345热线,12\r\n');
  });

  it('quotes fields with commas, quotes, line breaks or edge spaces, doubling the quotes', () => {
    expect(csvCell('东宝区,龙泉街道')).toBe('"东宝区,龙泉街道"');
    expect(csvCell('所谓"网格"')).toBe('"所谓""网格"""');
    expect(csvCell('一行\n两行')).toBe('"一行\n两行"');
    expect(csvCell(' 前有空格')).toBe('" 前有空格"');
    expect(csvCell('普通')).toBe('普通');
  });

  it('writes numbers as they are and empty cells for missing values', () => {
    expect(csvCell(0)).toBe('0');
    expect(csvCell(87.5)).toBe('87.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('keeps a text cell that looks like a spreadsheet formula as text', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-3)).toBe('-3');
  });

  it('names the file after the chart, region and period', () => {
    expect(csvFileName('受理渠道分布', 'jingmen/dongbao', '2026-01-01', '2026-06-30')).toBe('受理渠道分布_jingmen-dongbao_2026-01-01_2026-06-30.csv');
  });
});
