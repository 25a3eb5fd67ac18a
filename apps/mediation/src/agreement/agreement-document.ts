import type { CaseRecord, PartyRecord, AgreementRecord } from '@gov/mediation-data-access';
import { CONFIRMATION_WINDOW_DAYS } from '@gov/mediation-contracts';
import PDFDocument from 'pdfkit';
import { existsSync } from 'node:fs';
import { AgreementErrors } from './agreement.errors.js';

/**
 * The printable agreement (人民调解协议书): one list of blocks rendered both as HTML and as a PDF,
 * so the two forms cannot say different things. Parties appear by name and role with their
 * contacts masked only — the document is handed around and must carry no plaintext personal data.
 */
export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'meta'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; head: string[]; rows: string[][] };

export const DOCUMENT_TITLE = '人民调解协议书';
const ROLE_ZH = { applicant: '申请人', respondent: '被申请人' } as const;
/** China keeps one offset all year (no daylight saving): dates print as the parties live them. */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const NONE = '—';

/** 2026-06-10 → 2026年6月10日. */
export function dayZh(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
const instantZh = (at: Date) => dayZh(new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10));
/** Fen as 元 with two decimals, in integers so no rounding creeps in. */
export const yuan = (fen: number) => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

export function documentBlocks(c: CaseRecord, parties: readonly PartyRecord[], a: AgreementRecord): Block[] {
  const accepted = (p: PartyRecord) => (p.acceptedVersion === a.version && p.acceptedAt ? instantZh(p.acceptedAt) : '未确认');
  const blocks: Block[] = [
    { kind: 'title', text: DOCUMENT_TITLE },
    { kind: 'meta', text: `编号：${c.number}（第${a.version}稿）` },
    { kind: 'heading', text: '当事人' },
    { kind: 'table', head: ['身份', '姓名（名称）', '联系电话', '证件号码'], rows: parties.map((p) => [ROLE_ZH[p.role], p.name, p.phoneMasked ?? NONE, p.idNumberMasked ?? NONE]) },
    { kind: 'heading', text: '纠纷事实' },
    ...a.facts.split(/\n+/).filter(Boolean).map((text): Block => ({ kind: 'paragraph', text })),
    { kind: 'heading', text: '协议内容' },
    { kind: 'paragraph', text: '经调解，双方当事人自愿达成如下协议：' },
    { kind: 'list', items: a.terms },
    { kind: 'heading', text: '履行方式' },
    { kind: 'paragraph', text: a.performanceMethod },
    { kind: 'heading', text: '履行期限' },
    { kind: 'paragraph', text: `于${dayZh(a.performanceDeadline)}前履行完毕。` },
  ];
  if (a.instalments.length) {
    const total = a.instalments.reduce((sum, i) => sum + i.amountFen, 0);
    blocks.push(
      { kind: 'heading', text: '分期履行' },
      {
        kind: 'table',
        head: ['期数', '履行日期', '金额（人民币元）'],
        rows: [...a.instalments.map((i, n) => [`第${n + 1}期`, dayZh(i.dueOn), yuan(i.amountFen)]), ['合计', '', yuan(total)]],
      },
    );
  }
  blocks.push(
    { kind: 'heading', text: '调解组织及调解员' },
    { kind: 'paragraph', text: `调解组织：${c.organisationName ?? NONE}　　调解员：${c.mediatorName ?? NONE}` },
    { kind: 'heading', text: '当事人确认' },
    { kind: 'paragraph', text: '本协议自各方当事人签字（确认）之日起生效，具有法律约束力，当事人应当按照约定履行。' },
    { kind: 'table', head: ['身份', '姓名（名称）', '确认日期'], rows: parties.map((p) => [ROLE_ZH[p.role], p.name, accepted(p)]) },
    { kind: 'heading', text: '司法确认' },
    {
      kind: 'paragraph',
      text:
        `双方当事人认为有必要的，可以自本协议生效之日起${CONFIRMATION_WINDOW_DAYS}日内共同向人民法院申请司法确认（《中华人民共和国人民调解法》第三十三条）。` +
        '人民法院依法确认调解协议有效，一方当事人拒绝履行或者未全部履行的，对方当事人可以向人民法院申请强制执行。',
    },
  );
  if (c.agreedAt && c.confirmationDeadline && a.version === c.agreementVersion)
    blocks.push({ kind: 'paragraph', text: `本协议已于${instantZh(c.agreedAt)}生效，申请司法确认的截止日期为${instantZh(c.confirmationDeadline)}。` });
  return blocks;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Every text of the document came from a user: all of it is escaped. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);

const STYLE = `body{font-family:'WenQuanYi Micro Hei','Noto Sans CJK SC','PingFang SC',sans-serif;max-width:46em;margin:2em auto;line-height:1.8}
h1{text-align:center;letter-spacing:.3em}.meta{text-align:right}table{border-collapse:collapse;width:100%}td,th{border:1px solid #444;padding:.2em .5em}`;

export function renderHtml(blocks: readonly Block[]): string {
  const cell = (tag: 'td' | 'th') => (s: string) => `<${tag}>${escapeHtml(s)}</${tag}>`;
  const body = blocks.map((b) => {
    switch (b.kind) {
      case 'title':
        return `<h1>${escapeHtml(b.text)}</h1>`;
      case 'meta':
        return `<p class="meta">${escapeHtml(b.text)}</p>`;
      case 'heading':
        return `<h2>${escapeHtml(b.text)}</h2>`;
      case 'paragraph':
        return `<p>${escapeHtml(b.text)}</p>`;
      case 'list':
        return `<ol>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ol>`;
      case 'table':
        return `<table><thead><tr>${b.head.map(cell('th')).join('')}</tr></thead><tbody>${b.rows.map((r) => `<tr>${r.map(cell('td')).join('')}</tr>`).join('')}</tbody></table>`;
    }
  });
  return `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${DOCUMENT_TITLE}</title><style>${STYLE}</style></head><body>\n${body.join('\n')}\n</body></html>\n`;
}

/** The PostScript name of the font inside Debian's wqy-microhei.ttc (a collection needs one picked). */
const COLLECTION_FONT = 'WenQuanYiMicroHei';
const MARGIN = 56;
const SIZES = { title: 20, meta: 10, heading: 13, body: 11 };
const CELL_PAD = 4;

/** The PDF, with the CJK font embedded (subset); FONT_MISSING rather than a PDF of empty boxes. */
export async function renderPdf(blocks: readonly Block[], fontPath: string, title: string): Promise<Buffer> {
  if (!existsSync(fontPath)) throw AgreementErrors.fontMissing();
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: title } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    doc.registerFont('cjk', fontPath, fontPath.toLowerCase().endsWith('.ttc') ? COLLECTION_FONT : undefined);
    doc.font('cjk');
  } catch {
    throw AgreementErrors.fontMissing();
  }
  const width = doc.page.width - 2 * MARGIN;
  for (const b of blocks) {
    switch (b.kind) {
      case 'title':
        doc.fontSize(SIZES.title).text(b.text, { align: 'center', characterSpacing: 4 }).moveDown(0.5);
        break;
      case 'meta':
        doc.fontSize(SIZES.meta).text(b.text, { align: 'right' }).moveDown(0.5);
        break;
      case 'heading':
        doc.moveDown(0.5).fontSize(SIZES.heading).text(b.text).moveDown(0.2);
        break;
      case 'paragraph':
        doc.fontSize(SIZES.body).text(b.text, { lineGap: 3, indent: 2 * SIZES.body });
        break;
      case 'list':
        doc.fontSize(SIZES.body);
        b.items.forEach((item, i) => doc.text(`${i + 1}. ${item}`, { lineGap: 3 }));
        break;
      case 'table':
        drawTable(doc, [b.head, ...b.rows], width);
        break;
    }
  }
  doc.end();
  return done;
}

/** A plain grid: columns share the width, each row as tall as its tallest cell, a new page when it would not fit. */
function drawTable(doc: PDFKit.PDFDocument, rows: readonly string[][], width: number): void {
  doc.fontSize(SIZES.body);
  const cols = rows[0]!.length;
  const w = width / cols;
  for (const row of rows) {
    const h = Math.max(...row.map((s) => doc.heightOfString(s || ' ', { width: w - 2 * CELL_PAD }))) + 2 * CELL_PAD;
    if (doc.y + h > doc.page.height - MARGIN) doc.addPage();
    const y = doc.y;
    row.forEach((s, i) => {
      const x = MARGIN + i * w;
      doc.rect(x, y, w, h).stroke();
      doc.text(s, x + CELL_PAD, y + CELL_PAD, { width: w - 2 * CELL_PAD });
    });
    doc.x = MARGIN;
    doc.y = y + h;
  }
}
