/** What the grids service answers with: plain serialisable views. */
import type { RegionLevel } from './inputs.js';

export interface RegionView {
  id: string;
  parentId: string | null;
  /** e.g. jingmen/dongbao/longquan/xiangshan/g03 — the form role grants and other services use. */
  path: string;
  code: string;
  level: RegionLevel;
  kind: string | null;
  name: string;
  /** GeoJSON of the area (MultiPolygon), if it has one. */
  shape: unknown | null;
  /** A building's point. */
  location: { lat: number; lng: number } | null;
  archived: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface GridLayerView {
  key: string;
  name: string;
  nameZh: string;
  staffRole: string;
  staffTitleZh: string;
}

/** A grid of any layer: for the comprehensive layer `id` is the tree's grid node. */
export interface LayerGridView {
  id: string;
  layerKey: string;
  code: string;
  name: string;
  region: string;
}

export interface StaffView {
  id: string;
  layerKey: string;
  gridId: string;
  personId: string;
  name: string;
  role: string;
  titleZh: string;
  assignedAt: string;
}

/** The answer to "who is responsible here?" (多格合一): the node at every level and every layer's grid and people. */
export interface LocateView {
  lat: number;
  lng: number;
  /** Top down; levels with no shape covering the point are missing. */
  regions: RegionView[];
  layers: { layer: GridLayerView; grid: LayerGridView | null; staff: StaffView[] }[];
}

export interface SubtreeCountView {
  id: string;
  /** Nodes below, by level (the node itself not counted). */
  byLevel: { level: RegionLevel; count: number }[];
  households: number;
}
