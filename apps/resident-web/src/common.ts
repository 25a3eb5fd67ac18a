/** Pieces every page shows: the tracking-code lookup, 我的诉求, and a refusal card. */
import { h, uid, type Child } from './dom.js';
import { formatDate, stars } from './format.js';
import { ratingWord } from './messages.js';
import type { MyPetitions } from './my-petitions.js';
import { normalizeTrackingCode } from './validation.js';

/** What the pages share: navigation without reloading, and this phone's list. */
export interface App {
  /** Shows the page of `search` (e.g. `?c=ABCD-EFGH-JKLM`) and records it in the history. */
  go(search: string): void;
  my: MyPetitions;
}

/** A link to another page of the app: followed in place (one request less on a slow network). */
export const routeLink = (search: string, props: Record<string, string>, ...children: Child[]) => h('a', { href: search, 'data-route': true, ...props }, ...children);

export const trackingSearch = (code: string) => `?c=${encodeURIComponent(code)}`;

export function errorCard(title: string, sentence: string, ...extra: Child[]): HTMLElement {
  return h('section', { class: 'card error-card', role: 'alert' }, h('h2', { tabindex: -1 }, title), h('p', {}, sentence), ...extra);
}

/** 查询办理进度: a typed tracking code opens its page. */
export function lookupCard(app: App): HTMLElement {
  const input = h('input', { type: 'text', name: 'code', id: uid('code'), autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', placeholder: '例如 ABCD-EFGH-JKLM', maxlength: 20 });
  const error = h('p', { class: 'field-error', id: `${input.id}-error`, hidden: true });
  input.setAttribute('aria-describedby', error.id);
  const form = h(
    'form',
    { class: 'inline-form', novalidate: true },
    h('label', { for: input.id }, '查询码'),
    h('div', { class: 'row' }, input, h('button', { type: 'submit' }, '查询')),
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const code = normalizeTrackingCode(input.value);
    error.hidden = Boolean(code);
    error.textContent = code ? '' : '查询码是 12 位字母和数字，如 ABCD-EFGH-JKLM，请核对后再查。';
    if (code) input.removeAttribute('aria-invalid');
    else {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    app.go(trackingSearch(code));
  });
  return h('section', { class: 'card', 'aria-labelledby': 'lookup-title' }, h('h2', { id: 'lookup-title' }, '查询办理进度'), form);
}

/** 我的诉求: what this phone submitted, newest first; nothing when it submitted none. */
export function myPetitionsCard(app: App): HTMLElement | null {
  const entries = app.my.list();
  if (entries.length === 0) return null;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'mine-title' },
    h('h2', { id: 'mine-title' }, '我的诉求'),
    h(
      'ul',
      { class: 'mine' },
      ...entries.map((e) =>
        h(
          'li',
          {},
          routeLink(trackingSearch(e.trackingCode), {}, h('span', { class: 'code-sm' }, e.trackingCode), h('span', {}, `${e.categoryNameZh}${e.buildingName ? ` · ${e.buildingName}` : ''}`), h('span', { class: 'muted' }, formatDate(e.submittedAt))),
        ),
      ),
    ),
    h('p', { class: 'hint' }, '记录只保存在这部手机的浏览器里；换手机后请用查询码查询。'),
  );
}

/** ★★★★☆ for the eye, "满意度 4 星（满意）" for a screen reader. */
export function ratingStars(rating: number): HTMLElement {
  return h('span', { class: 'stars' }, h('span', { 'aria-hidden': 'true' }, ` ${stars(rating)}`), h('span', { class: 'sr-only' }, `满意度 ${rating} 星（${ratingWord(rating)}）`));
}
