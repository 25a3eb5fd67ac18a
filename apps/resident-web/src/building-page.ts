/** `?t=<token>`: the building a QR code stands for, its team, the form, and the results published there. */
import { graphqlBatch } from './api.js';
import { errorCard, lookupCard, myPetitionsCard, ratingStars, routeLink, trackingSearch, type App } from './common.js';
import { h, replace, type Child } from './dom.js';
import { formatDate } from './format.js';
import { sentenceFor } from './messages.js';
import { BUILDING, CATEGORIES, NOTICES, NOTICES_SHOWN, type MajorCategory, type Notice, type QrResolution, type SubmittedPetition } from './operations.js';
import { petitionForm } from './petition-form.js';

export async function buildingPage(token: string, app: App): Promise<{ title: string; content: Child[] }> {
  // One round trip for the three, each answered on its own.
  const [qr, categories, notices] = await graphqlBatch([
    { query: BUILDING, variables: { token } },
    { query: CATEGORIES },
    { query: NOTICES, variables: { token, first: NOTICES_SHOWN } },
  ]);
  if (qr!.error) {
    const sentence = sentenceFor(qr!.error, { notFound: '这个二维码对应的楼栋已不存在。请扫描楼栋门口最新张贴的二维码。' });
    return { title: '二维码无法使用', content: [errorCard('二维码无法使用', sentence), lookupCard(app), myPetitionsCard(app)] };
  }
  const place = (qr!.data as { resolveQr: QrResolution }).resolveQr;

  const formSlot = h('div', {});
  const showForm = () => {
    if (categories!.error) {
      replace(formSlot, errorCard('暂时无法提交', sentenceFor(categories!.error), h('button', { type: 'button', onclick: () => location.reload() }, '重新加载')));
      return;
    }
    const majors = (categories!.data as { categories: MajorCategory[] }).categories;
    replace(formSlot, petitionForm({ qrToken: token, majors, onSubmitted: (result) => showSubmitted(result) }));
  };
  const showSubmitted = (result: SubmittedPetition) => {
    const { trackingCode, categoryNameZh, deadline } = result.petition;
    const kept = app.my.add({ trackingCode, submitterKey: result.submitterKey, categoryNameZh, buildingName: place.building.name, submittedAt: new Date().toISOString() });
    const heading = h('h2', { id: 'done-title', tabindex: -1 }, '提交成功');
    replace(
      formSlot,
      h(
        'section',
        { class: 'card success', 'aria-labelledby': 'done-title' },
        heading,
        h('p', {}, '您的查询码：'),
        h('p', { class: 'code', 'aria-label': '您的查询码' }, trackingCode),
        h('p', {}, `问题类型：${categoryNameZh}。请在 ${formatDate(deadline)} 前留意办理结果。`),
        kept
          ? h('p', { class: 'hint' }, '查询码已保存在本机“我的诉求”中，办结后可在这里评价。')
          : h('p', { class: 'warn' }, '这部手机的浏览器无法保存记录：请截图或抄下查询码，凭它查询进度。'),
        h('div', { class: 'actions' }, routeLink(trackingSearch(trackingCode), { class: 'button primary' }, '查看办理进度'), h('button', { type: 'button', onclick: showForm }, '再反映一个问题')),
      ),
    );
    heading.focus();
  };
  showForm();

  return {
    title: place.building.name,
    content: [placeCard(place), formSlot, noticesCard(notices!.error ? null : (notices!.data as { buildingNotices: Notice[] }).buildingNotices), lookupCard(app), myPetitionsCard(app)],
  };
}

function placeCard(place: QrResolution): HTMLElement {
  const where = [place.community, place.compound, place.grid].filter((p): p is { name: string } => Boolean(p)).map((p) => p.name);
  return h(
    'section',
    { class: 'card place', 'aria-labelledby': 'place-title' },
    h('h2', { id: 'place-title', tabindex: -1 }, place.building.name),
    where.length ? h('p', { class: 'muted' }, where.join(' · ')) : null,
    h('h3', {}, '为您服务的团队'),
    place.team.length
      ? h(
          'ul',
          { class: 'team' },
          ...place.team.map((m) => h('li', {}, h('strong', {}, m.name), h('span', {}, m.titleZh), h('span', { class: 'muted' }, m.gridName ? `${m.layerNameZh} · ${m.gridName}` : m.layerNameZh))),
        )
      : h('p', { class: 'muted' }, '暂无登记的服务人员，您的诉求会由所在网格受理。'),
  );
}

/** 结果公示; null when the list could not be had (the rest of the page still works). */
function noticesCard(notices: Notice[] | null): HTMLElement {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'notices-title' },
    h('h2', { id: 'notices-title' }, '结果公示'),
    notices === null
      ? h('p', { class: 'muted' }, '公示暂时无法显示，请稍后再看。')
      : notices.length === 0
        ? h('p', { class: 'muted' }, '本楼栋暂无已办结的诉求。')
        : h(
            'ul',
            { class: 'notices' },
            ...notices.map((n) =>
              h(
                'li',
                {},
                h('p', { class: 'notice-head' }, h('strong', {}, n.title), h('span', { class: 'muted' }, ` ${n.categoryNameZh}`)),
                h('p', {}, n.result),
                h('p', { class: 'muted' }, `${formatDate(n.resolvedAt)} 办结`, n.rating ? ratingStars(n.rating) : null),
              ),
            ),
          ),
  );
}
