/**
 * Every page of the console, each in its own chunk (loaded on first visit), and the role-gated
 * section it belongs to (auth/roles.ts). Order matters: the first pattern that matches wins.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Page } from '../auth/roles.js';

export interface Route {
  pattern: string;
  page: Page;
  component: LazyExoticComponent<ComponentType<{ params: Record<string, string> }>>;
}

export const ROUTES: readonly Route[] = [
  { pattern: '/queue', page: 'queue', component: lazy(() => import('../pages/queue/queue-page.js')) },
  { pattern: '/petitions/:id', page: 'queue', component: lazy(() => import('../pages/petition/petition-page.js')) },
  { pattern: '/map', page: 'map', component: lazy(() => import('../pages/map/map-page.js')) },
  { pattern: '/tasks', page: 'tasks', component: lazy(() => import('../pages/tasks/tasks-page.js')) },
  { pattern: '/tasks/:id', page: 'tasks', component: lazy(() => import('../pages/tasks/task-page.js')) },
  { pattern: '/stats', page: 'stats', component: lazy(() => import('../pages/stats/stats-page.js')) },
  { pattern: '/stewards', page: 'stewards', component: lazy(() => import('../pages/stewards/stewards-page.js')) },
  { pattern: '/stewards/:id', page: 'stewards', component: lazy(() => import('../pages/stewards/steward-page.js')) },
  { pattern: '/mediation', page: 'mediation', component: lazy(() => import('../pages/mediation/mediation-page.js')) },
  { pattern: '/mediation/cases/:id', page: 'mediation', component: lazy(() => import('../pages/mediation/case-page.js')) },
];

export const PAGE_PATHS: Record<Page, string> = {
  queue: '/queue',
  map: '/map',
  tasks: '/tasks',
  stats: '/stats',
  stewards: '/stewards',
  mediation: '/mediation',
};
