import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Link, match, Router, useRouter } from './router.js';
import { ROUTES } from './routes.js';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('match', () => {
  it('answers the parameters of a matching path, decoded', () => {
    expect(match('/petitions/:id', '/petitions/42')).toEqual({ id: '42' });
    expect(match('/stewards/:id', '/stewards/a%20b')).toEqual({ id: 'a b' });
    expect(match('/mediation/cases/:id', '/mediation/cases/c-1/')).toEqual({ id: 'c-1' });
    expect(match('/queue', '/queue')).toEqual({});
  });

  it('answers null for another page, a missing or an extra segment', () => {
    expect(match('/petitions/:id', '/petitions')).toBeNull();
    expect(match('/petitions/:id', '/petitions/1/2')).toBeNull();
    expect(match('/tasks', '/task')).toBeNull();
    expect(match('/mediation/cases/:id', '/mediation/meetings/1')).toBeNull();
  });

  it('answers null for a mangled escape instead of throwing (the frame would go blank)', () => {
    expect(match('/petitions/:id', '/petitions/%E4%B8')).toBeNull();
  });

  it('every link of the console opens the page it names (the first matching route wins)', () => {
    const pageOf = (path: string) => {
      const found = ROUTES.find((r) => match(r.pattern, path));
      return found && `${found.page} ${found.pattern}`;
    };
    expect(pageOf('/queue')).toBe('queue /queue');
    expect(pageOf('/petitions/p1')).toBe('queue /petitions/:id');
    expect(pageOf('/tasks')).toBe('tasks /tasks');
    expect(pageOf('/tasks/t1')).toBe('tasks /tasks/:id');
    expect(pageOf('/stewards/s1')).toBe('stewards /stewards/:id');
    expect(pageOf('/mediation/cases/m1')).toBe('mediation /mediation/cases/:id');
    expect(pageOf('/nowhere')).toBeUndefined();
  });
});

function Where() {
  const { location } = useRouter();
  return <output data-testid="where">{`${location.path}?${location.query.toString()}`}</output>;
}

describe('Router and Link', () => {
  it('a click on a link changes the page without reloading, and Back returns', () => {
    window.history.replaceState(null, '', '/queue?status=open');
    render(
      <Router>
        <Link to="/petitions/7">诉求 7</Link>
        <Where />
      </Router>,
    );
    expect(screen.getByTestId('where').textContent).toBe('/queue?status=open');
    const link = screen.getByRole('link', { name: '诉求 7' });
    expect(link.getAttribute('href')).toBe('/petitions/7');
    const click = fireEvent.click(link, { button: 0 });
    // The default (a full page load) was prevented; the history has the new entry.
    expect(click).toBe(false);
    expect(window.location.pathname).toBe('/petitions/7');
    expect(screen.getByTestId('where').textContent).toBe('/petitions/7?');
    window.history.back();
    return expect.poll(() => screen.getByTestId('where').textContent).toBe('/queue?status=open');
  });

  it('leaves a Ctrl-click (open in a new tab) to the browser', () => {
    window.history.replaceState(null, '', '/queue');
    render(
      <Router>
        <Link to="/map">地图</Link>
        <Where />
      </Router>,
    );
    // What the browser would do is up to it: note whether the console stopped it, then stop it (jsdom cannot open tabs).
    let leftToBrowser: boolean | undefined;
    const observe = (e: MouseEvent) => {
      leftToBrowser = !e.defaultPrevented;
      e.preventDefault();
    };
    document.addEventListener('click', observe);
    try {
      fireEvent.click(screen.getByRole('link', { name: '地图' }), { button: 0, ctrlKey: true });
    } finally {
      document.removeEventListener('click', observe);
    }
    expect(leftToBrowser).toBe(true);
    expect(screen.getByTestId('where').textContent).toBe('/queue?');
  });
});
