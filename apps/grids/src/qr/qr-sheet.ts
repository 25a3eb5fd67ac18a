/** The printable sheet of building codes: plain HTML with print CSS, A4 portrait, 2 × 4 codes a page. */

export interface SheetCode {
  buildingName: string;
  /** The compound (or village group), else the community: the second line under the name. */
  placeName: string | null;
  communityName: string | null;
  /** An `<svg>` document of the code. */
  svg: string;
  version: number;
}

const PER_PAGE = 8;

const CSS = `
@page { size: A4 portrait; margin: 8mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #000; background: #fff; }
header { padding: 4mm 0; font-size: 12pt; }
.page { width: 194mm; height: 281mm; display: grid; grid-template-columns: 1fr 1fr; grid-template-rows: repeat(4, 1fr); break-after: page; page-break-after: always; }
.page:last-child { break-after: auto; page-break-after: auto; }
.code { border: 0.2mm dashed #999; padding: 4mm; display: flex; align-items: center; gap: 4mm; overflow: hidden; break-inside: avoid; }
.code svg { width: 42mm; height: 42mm; flex: none; }
.text { display: flex; flex-direction: column; gap: 2mm; min-width: 0; }
.brand { font-size: 10pt; font-weight: bold; color: #c00; }
.building { font-size: 16pt; font-weight: bold; line-height: 1.2; word-break: break-all; }
.place { font-size: 10pt; line-height: 1.3; }
.hint { font-size: 12pt; font-weight: bold; }
.version { font-size: 7pt; color: #666; }
@media screen { body { background: #eee; } .page { background: #fff; margin: 8mm auto; box-shadow: 0 0 2mm #aaa; } header { width: 194mm; margin: 0 auto; } }
@media print { header { display: none; } }
`;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Drops the XML prolog, if any: the SVG is inlined in HTML. */
function inlineSvg(svg: string): string {
  return svg.replace(/^<\?xml[^>]*>\s*/, '').trim();
}

export function renderSheet(title: string, codes: readonly SheetCode[]): string {
  const pages: string[] = [];
  for (let i = 0; i < codes.length; i += PER_PAGE) {
    const cells = codes.slice(i, i + PER_PAGE).map((c) => {
      const places = [c.communityName, c.placeName].filter((p): p is string => !!p && p !== c.buildingName);
      return `<div class="code">${inlineSvg(c.svg)}<div class="text">
<div class="brand">码上议</div>
<div class="building">${escapeHtml(c.buildingName)}</div>
${places.length ? `<div class="place">${places.map(escapeHtml).join(' · ')}</div>` : ''}
<div class="hint">扫码反映问题</div>
<div class="version">第 ${c.version} 版</div>
</div></div>`;
    });
    pages.push(`<section class="page">\n${cells.join('\n')}\n</section>`);
  }
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)} · 楼栋二维码</title>
<style>${CSS}</style>
</head>
<body>
<header>${escapeHtml(title)}：${codes.length} 栋楼的二维码，共 ${pages.length} 页（A4，打印时请选择“实际大小”）</header>
${pages.join('\n')}
</body>
</html>
`;
}
