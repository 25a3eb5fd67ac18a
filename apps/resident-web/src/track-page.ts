/** `?c=<trackingCode>`: a petition's progress as a timeline and, once resolved, the submitter's rating. */
import { ApiError, graphql } from './api.js';
import { errorCard, lookupCard, myPetitionsCard, ratingStars, type App } from './common.js';
import { h, replace, uid, type Child } from './dom.js';
import { formatDate, formatTime } from './format.js';
import { levelLabel, ratingWord, sentenceFor, stateHint, stateLabel } from './messages.js';
import { RATE, TRACK, type PublicPetition } from './operations.js';
import { LIMITS, MAX_RATING, MIN_SATISFIED_RATING, normalizeTrackingCode, validateRating } from './validation.js';

export async function trackPage(typed: string, app: App): Promise<{ title: string; content: Child[] }> {
  const code = normalizeTrackingCode(typed);
  if (!code) return { title: '查询码有误', content: [errorCard('查询码有误', '查询码是 12 位字母和数字，如 ABCD-EFGH-JKLM，请核对后再查。'), lookupCard(app), myPetitionsCard(app)] };
  let petition: PublicPetition;
  try {
    petition = (await graphql<{ petitionByTrackingCode: PublicPetition }>(TRACK, { code })).petitionByTrackingCode;
  } catch (err) {
    const sentence = sentenceFor(err instanceof ApiError ? err : new ApiError('INTERNAL', undefined, String(err)), { notFound: `没有找到查询码为 ${code} 的诉求，请核对后再查。` });
    return { title: '查询失败', content: [errorCard('查询失败', sentence), lookupCard(app), myPetitionsCard(app)] };
  }
  const slot = h('div', {});
  const show = (p: PublicPetition, note?: string) => replace(slot, petitionCard(p, app, note, show));
  show(petition);
  return { title: `诉求进度 ${code}`, content: [slot, lookupCard(app), myPetitionsCard(app)] };
}

type Show = (p: PublicPetition, note?: string) => void;

function petitionCard(p: PublicPetition, app: App, note: string | undefined, show: Show): HTMLElement {
  const mine = app.my.get(p.trackingCode);
  const facts: [string, Child][] = [
    ['问题类型', p.categoryNameZh],
    ['标题', p.title],
    ['问题描述', p.description],
    ['楼栋', p.buildingName],
    // handlerName is the level's name (网格, 社区, 街道) or the department's.
    ['当前办理', p.handlerName ?? (p.level ? levelLabel(p.level) : null)],
    ['办理时限', `${formatDate(p.deadline)} 前`],
    ['提交时间', formatTime(p.createdAt)],
  ];
  const hint = stateHint(p.state);
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'track-title' },
    h('h2', { id: 'track-title', tabindex: -1 }, '诉求进度'),
    h('p', { class: 'code-line' }, '查询码 ', h('span', { class: 'code-sm' }, p.trackingCode)),
    h('p', { class: `state state-${p.state}` }, h('span', { class: 'badge', 'data-state': p.state }, stateLabel(p.state)), hint ? h('span', {}, hint) : null),
    note ? h('p', { class: 'notice-ok', role: 'status' }, note) : null,
    h('dl', { class: 'facts' }, ...facts.filter(([, v]) => v).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    p.result
      ? h(
          'section',
          { class: 'result', 'aria-labelledby': 'result-title' },
          h('h3', { id: 'result-title' }, '办理结果'),
          h('p', {}, p.result),
          p.resolvedAt ? h('p', { class: 'muted' }, `${formatTime(p.resolvedAt)} 办结`) : null,
          p.rating ? h('p', {}, '居民评价：', ratingStars(p.rating)) : null,
        )
      : null,
    h('h3', {}, '办理过程'),
    h('ol', { class: 'timeline' }, ...p.steps.map((s) => h('li', {}, h('time', { datetime: s.at }, formatTime(s.at)), h('span', {}, s.labelZh)))),
    // Offered whenever it is resolved: an unsatisfied rating reopens it, and it is rated again once resolved again.
    p.state === 'resolved' && mine ? ratingForm(p, mine.submitterKey, show) : null,
    p.state === 'resolved' && !mine ? h('p', { class: 'hint' }, '请在提交这条诉求时使用的手机浏览器中打开本页进行评价。') : null,
  );
}

/** 1–5 stars and an optional comment; below MIN_SATISFIED_RATING the petition goes back to its handlers. */
function ratingForm(p: PublicPetition, submitterKey: string, show: Show): HTMLElement {
  const group = uid('rating');
  let rating: number | null = null;
  const labels: HTMLElement[] = [];
  const radios = Array.from({ length: MAX_RATING }, (_, i) => {
    const value = i + 1;
    const input = h('input', { type: 'radio', name: group, value, id: `${group}-${value}`, 'aria-label': `${value} 星：${ratingWord(value)}` });
    input.addEventListener('change', () => {
      rating = value;
      labels.forEach((l, j) => l.classList.toggle('on', j < value));
      word.textContent = ratingWord(value);
    });
    const label = h('label', { for: input.id, class: 'star', 'aria-hidden': 'true' }, '★');
    labels.push(label);
    return h('span', { class: 'star-wrap' }, input, label);
  });
  const word = h('span', { class: 'rating-word', 'aria-hidden': 'true' });
  const comment = h('textarea', { name: 'comment', id: uid('comment'), rows: 3, maxlength: LIMITS.comment });
  const alert = h('p', { class: 'alert', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, '提交评价');
  const form = h(
    'form',
    { class: 'rating', novalidate: true },
    h('fieldset', {}, h('legend', {}, '您对办理结果满意吗？'), h('div', { class: 'stars-input' }, ...radios, word)),
    h('p', { class: 'hint' }, `${MIN_SATISFIED_RATING} 星及以上表示满意，诉求结案；1–2 星表示不满意，诉求将退回重新办理。`),
    h('label', { for: comment.id }, '评价内容（选填）'),
    comment,
    alert,
    submit,
  );
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const problem = validateRating(rating, comment.value);
    alert.textContent = problem ?? '';
    alert.hidden = !problem;
    if (problem) return;
    busy = true;
    submit.disabled = true;
    try {
      const input = { trackingCode: p.trackingCode, submitterKey, rating, comment: comment.value.trim() || null };
      const rated = (await graphql<{ ratePetition: PublicPetition }>(RATE, { input })).ratePetition;
      show(rated, rating! >= MIN_SATISFIED_RATING ? '感谢您的评价！' : '已收到您的评价，诉求将退回重新办理，工作人员会尽快处理。');
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError('INTERNAL', undefined, String(err));
      if (e.reason === 'ALREADY_RATED') {
        // Rated before (in another tab, or the answer was lost on the way): show where it stands now.
        const now = await graphql<{ petitionByTrackingCode: PublicPetition }>(TRACK, { code: p.trackingCode }).then((r) => r.petitionByTrackingCode, () => p);
        show(now, sentenceFor(e));
        return;
      }
      alert.textContent = sentenceFor(e);
      alert.hidden = false;
    } finally {
      busy = false;
      submit.disabled = false;
    }
  });
  return form;
}
