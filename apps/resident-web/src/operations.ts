/**
 * The GraphQL operations the page makes, with the shapes it reads. Names and fields are the
 * gateway's schema (grids' resolveQr; petitions' categories, buildingNotices, submitPetition,
 * petitionByTrackingCode and ratePetition); enum values travel as their lowercase strings.
 */

/** Resolved petitions shown on a building's page (结果公示). */
export const NOTICES_SHOWN = 10;

export interface QrPlace {
  name: string;
}

export interface TeamMember {
  name: string;
  titleZh: string;
  layerNameZh: string;
  gridName: string | null;
}

export interface QrResolution {
  building: QrPlace;
  grid: QrPlace | null;
  compound: QrPlace | null;
  community: QrPlace | null;
  team: TeamMember[];
}

export const BUILDING = `query Building($token: String!) {
  resolveQr(token: $token) { building { name } grid { name } compound { name } community { name } team { name titleZh layerNameZh gridName } }
}`;

export interface Category {
  key: string;
  nameZh: string;
  anonymousAllowed: boolean;
}

export interface MajorCategory {
  key: string;
  nameZh: string;
  categories: Category[];
}

export const CATEGORIES = `query Categories { categories { key nameZh categories { key nameZh anonymousAllowed } } }`;

export interface Notice {
  trackingCode: string;
  categoryNameZh: string;
  title: string;
  result: string;
  resolvedAt: string;
  rating: number | null;
}

export const NOTICES = `query Notices($token: String!, $first: Int) {
  buildingNotices(qrToken: $token, first: $first) { trackingCode categoryNameZh title result resolvedAt rating }
}`;

/** What submitPetition takes for a QR-code petition. */
export interface SubmitInput {
  channel: 'qr';
  category: string;
  title: string | null;
  description: string;
  qrToken: string;
  anonymous: boolean;
  contact: { name: string; phone: string } | null;
  attachmentIds: string[];
}

export interface SubmittedPetition {
  submitterKey: string;
  petition: { trackingCode: string; state: string; categoryNameZh: string; deadline: string };
}

export const SUBMIT = `mutation Submit($input: SubmitPetitionInput!) {
  submitPetition(input: $input) { submitterKey petition { trackingCode state categoryNameZh deadline } }
}`;

export interface Step {
  at: string;
  action: string;
  labelZh: string;
}

/** A petition as anyone holding its tracking code sees it. */
export interface PublicPetition {
  trackingCode: string;
  state: string;
  categoryNameZh: string;
  title: string;
  description: string;
  buildingName: string | null;
  level: string | null;
  handlerName: string | null;
  deadline: string;
  result: string | null;
  resolvedAt: string | null;
  rating: number | null;
  createdAt: string;
  steps: Step[];
}

const PUBLIC_PETITION = 'trackingCode state categoryNameZh title description buildingName level handlerName deadline result resolvedAt rating createdAt steps { at action labelZh }';

export const TRACK = `query Track($code: String!) { petitionByTrackingCode(trackingCode: $code) { ${PUBLIC_PETITION} } }`;

export const RATE = `mutation Rate($input: RatePetitionInput!) { ratePetition(input: $input) { ${PUBLIC_PETITION} } }`;
