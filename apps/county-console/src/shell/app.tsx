/**
 * The console's frame: sign-in until there is a staff session, then a header (who, where, sign out),
 * the sections the user's roles open, and the current page. A page the user's roles do not open is
 * not rendered at all (the gateway would refuse its data anyway).
 */
import { Component, Suspense, useEffect, useState, type ReactNode } from 'react';
import { canOpen, homeRegion, isStaff, pagesFor, PAGE_TITLES, ROLE_NAMES } from '../auth/roles.js';
import { SignInPage } from '../auth/sign-in-page.js';
import { PAGE_PATHS, ROUTES } from './routes.js';
import { Link, match, useRouter } from './router.js';
import { useMe, useSession } from './session-context.js';
import { Loading } from './messages.js';

export function App() {
  const session = useSession();
  const me = useMe();
  const [resuming, setResuming] = useState(true);
  useEffect(() => {
    session
      .resume()
      .catch(() => null)
      .finally(() => setResuming(false));
  }, [session]);
  if (resuming) return <Loading />;
  if (!me) return <SignInPage />;
  if (!isStaff(me.grants)) return <NotStaff />;
  return <Frame />;
}

function Frame() {
  const session = useSession();
  const me = useMe()!;
  const { location, navigate } = useRouter();
  const pages = pagesFor(me.grants);
  const found = ROUTES.map((r) => ({ route: r, params: match(r.pattern, location.path) })).find((m) => m.params);
  useEffect(() => {
    if (!found && pages[0]) navigate(PAGE_PATHS[pages[0]], true);
  }, [found, pages, navigate]);
  const region = homeRegion(me.grants);
  const roles = [...new Set(me.grants.map((g) => ROLE_NAMES[g.role]))].join('、');
  return (
    <div className="frame">
      <a className="skip" href="#main">
        跳到正文
      </a>
      <header className="top">
        <h1>县区工作台</h1>
        <span className="who" data-testid="who">
          {me.username} · {roles}
          {region ? ` · ${region}` : ''}
        </span>
        <button type="button" onClick={() => void session.signOut().then(() => navigate('/', true))}>
          退出登录
        </button>
      </header>
      <nav className="side" aria-label="功能">
        <ul>
          {pages.map((p) => (
            <li key={p}>
              <Link to={PAGE_PATHS[p]} aria-current={found?.route.page === p ? 'page' : undefined}>
                {PAGE_TITLES[p]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <PageBoundary key={location.path}>
          <Suspense fallback={<Loading />}>
            {found && canOpen(me.grants, found.route.page) ? <found.route.component params={found.params!} /> : found ? <p role="alert">您的角色不能打开此页面。</p> : <Loading />}
          </Suspense>
        </PageBoundary>
      </main>
    </div>
  );
}

function NotStaff() {
  const session = useSession();
  return (
    <div className="centered">
      <p role="alert">此账号没有工作人员角色，不能使用县区工作台。</p>
      <button type="button" onClick={() => void session.signOut()}>
        退出登录
      </button>
    </div>
  );
}

/** A page that throws while rendering shows its error, not a blank console. */
class PageBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  render() {
    if (this.state.error) return <p role="alert">页面出错：{this.state.error.message}</p>;
    return this.props.children;
  }
}
