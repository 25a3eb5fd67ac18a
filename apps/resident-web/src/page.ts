/**
 * The page a building's QR code opens (码上议), the bundle's entry point. Which page shows is in
 * the query string, so every state has a URL a resident can bookmark or send:
 *   ?t=<QR token>       the building, its team, the petition form and its published results
 *   ?c=<tracking code>  a petition's progress, and the rating once it is resolved
 *   (neither)           the tracking-code lookup and 我的诉求
 */
import { buildingPage } from './building-page.js';
import { errorCard, lookupCard, myPetitionsCard, type App } from './common.js';
import { h, replace, type Child } from './dom.js';
import { browserStore, MyPetitions } from './my-petitions.js';
import { trackPage } from './track-page.js';

const SITE_NAME = '码上议';

const main = document.getElementById('app')!;
/** Only the latest navigation may draw: an older, slower answer must not overwrite it. */
let renders = 0;

const app: App = {
  my: new MyPetitions(browserStore()),
  go(search) {
    history.pushState(null, '', search);
    void render();
  },
};

function homePage(): { title: string; content: Child[] } {
  return {
    title: SITE_NAME,
    content: [
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'home-title' },
        h('h2', { id: 'home-title', tabindex: -1 }, '有事扫一扫'),
        h('p', {}, '请用手机扫描楼栋门口张贴的“码上议”二维码，反映身边的问题；提交后凭查询码查看办理进度，办结后评价办理结果。'),
      ),
      lookupCard(app),
      myPetitionsCard(app),
    ],
  };
}

async function render(): Promise<void> {
  const mine = ++renders;
  const params = new URLSearchParams(location.search);
  const token = params.get('t');
  const code = params.get('c');
  replace(main, h('p', { class: 'loading', role: 'status' }, '正在加载…'));
  let page: { title: string; content: Child[] };
  try {
    page = code !== null ? await trackPage(code, app) : token ? await buildingPage(token, app) : homePage();
  } catch (err) {
    // A fault of the page itself (refusals and network failures are answered inside each page).
    console.error(err);
    page = { title: SITE_NAME, content: [errorCard('页面出错了', '系统出了点问题，请刷新页面再试。'), lookupCard(app)] };
  }
  if (mine !== renders) return;
  document.title = page.title === SITE_NAME ? SITE_NAME : `${page.title} · ${SITE_NAME}`;
  replace(main, ...page.content);
  window.scrollTo(0, 0);
  // Screen readers start at the new page's heading, as after a page load.
  main.querySelector<HTMLElement>('h2[tabindex]')?.focus();
}

// Links between the app's pages are followed in place; a new tab or window still gets the URL.
document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest?.('a[data-route]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  app.go(link.getAttribute('href')!);
});
window.addEventListener('popstate', () => void render());
void render();
