export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A GeoJSON geometry object in WGS 84, e.g. {"type":"Polygon","coordinates":[[[112.2,31.02],…]]}. */
  GeoJSON: { input: unknown; output: unknown; }
};

export type AcceptAgreementInput = {
  caseId: Scalars['ID']['input'];
  partyId: Scalars['ID']['input'];
  /** The version the party read; a newer draft makes the acceptance stale (CONFLICT WRONG_STATE). */
  version: Scalars['Int']['input'];
};

export type AcknowledgeWhistleInput = {
  id: Scalars['ID']['input'];
  /** At most 500 characters; kept in the petition’s timeline. */
  note?: InputMaybe<Scalars['String']['input']>;
};

export type AddAgendaItemInput = {
  /** At most 2000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  meetingId: Scalars['ID']['input'];
  source: AgendaItemSource;
  /** The petition, proposal or list item id; none for raised. */
  sourceId?: InputMaybe<Scalars['ID']['input']>;
  /** 1–120 characters. */
  title: Scalars['String']['input'];
};

export type AddHouseholdMemberInput = {
  householdId: Scalars['ID']['input'];
  /** Identity's person id; a person belongs to one household. */
  personId: Scalars['ID']['input'];
  relation: HouseholdRelation;
};

export type AddMediatorInput = {
  /** Open cases taken at most, 1–50; default 8. */
  capacity?: InputMaybe<Scalars['Int']['input']>;
  /** 1–40 characters. */
  name: Scalars['String']['input'];
  organisationId: Scalars['ID']['input'];
  /** The identity person (a steward, staff member or volunteer) who mediates. */
  personId: Scalars['ID']['input'];
  /** At least one. */
  specialities: Array<DisputeCategory>;
};

/** Where an agenda item came from: petition (诉求), proposal (居民提案), list_item (an item of the community's four lists, 四张清单), raised (raised at the meeting, 现场提出). */
export type AgendaItemSource =
  | 'list_item'
  | 'petition'
  | 'proposal'
  | 'raised';

/** A party's acceptance (签字确认) of the agreement's current version. */
export type AgreementAcceptance = {
  __typename?: 'AgreementAcceptance';
  acceptedAt: Scalars['String']['output'];
  partyId: Scalars['ID']['output'];
  partyName: Scalars['String']['output'];
};

/** An instalment of a payment agreement (分期履行). */
export type AgreementInstalment = {
  __typename?: 'AgreementInstalment';
  /** In fen (分, 1/100 yuan): a whole number up to 10^13, typed Float because it can exceed a 32-bit Int. */
  amountFen: Scalars['Float']['output'];
  /** A calendar day, YYYY-MM-DD. */
  dueOn: Scalars['String']['output'];
};

export type AgreementInstalmentInput = {
  /** At least 1. In fen (分, 1/100 yuan): a whole number up to 10^13, typed Float because it can exceed a 32-bit Int. */
  amountFen: Scalars['Float']['input'];
  /** A calendar day, YYYY-MM-DD. By the performance deadline. */
  dueOn: Scalars['String']['input'];
};

/** A template a mediator starts an agreement from. */
export type AgreementTemplate = {
  __typename?: 'AgreementTemplate';
  key: AgreementTemplateKind;
  /** Terms a mediator starts from. */
  suggestedTerms: Array<Scalars['String']['output']>;
  titleZh: Scalars['String']['output'];
};

/** Agreement template (协议书模板): general (通用), payment (给付/分期付款), neighbours (邻里纠纷), labour_injury (劳动争议与工伤), marriage_family (婚姻家庭). */
export type AgreementTemplateKind =
  | 'general'
  | 'labour_injury'
  | 'marriage_family'
  | 'neighbours'
  | 'payment';

export type AppointCentralHeadInput = {
  /** The head's own household. */
  householdId: Scalars['ID']['input'];
  partyMember?: InputMaybe<Scalars['Boolean']['input']>;
  /** A member of the household. */
  personId: Scalars['ID']['input'];
};

export type AssignGridStaffInput = {
  gridId: Scalars['ID']['input'];
  layerKey: Scalars['String']['input'];
  name: Scalars['String']['input'];
  personId: Scalars['ID']['input'];
};

export type AssignMediatorInput = {
  caseId: Scalars['ID']['input'];
  /** See suggestMediators. */
  mediatorId: Scalars['ID']['input'];
  /** Required to assign a mediator with a conflict of interest (at most 500 characters); audited and published. */
  overrideReason?: InputMaybe<Scalars['String']['input']>;
};

export type AssignPetitionInput = {
  /** department level (required there only): a department of the county (see departments). */
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  id: Scalars['ID']['input'];
  level: Level;
  /** At most 500 characters. */
  note?: InputMaybe<Scalars['String']['input']>;
  /** grid, community or street level: the node at that level above the petition's place (the default). */
  region?: InputMaybe<Scalars['String']['input']>;
};

/** Who handles a petition now: a node of the region tree at its level, or a department. */
export type Assignee = {
  __typename?: 'Assignee';
  departmentId?: Maybe<Scalars['ID']['output']>;
  departmentName?: Maybe<Scalars['String']['output']>;
  level: Level;
  /** The grid, community or street; for a department, its county. */
  region: Scalars['String']['output'];
};

/** A photo attached to a petition (by the submitter) or to its result (evidence by the handler). */
export type Attachment = {
  __typename?: 'Attachment';
  bytes: Scalars['Int']['output'];
  contentType: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** Path under the gateway that serves it (GET, with the same sign-in that may see the petition). */
  url: Scalars['String']['output'];
};

export type AuditConnection = {
  __typename?: 'AuditConnection';
  items: Array<AuditEntry>;
  pageInfo: PageInfo;
};

export type AuditEntry = {
  __typename?: 'AuditEntry';
  actorId?: Maybe<Scalars['ID']['output']>;
  actorName?: Maybe<Scalars['String']['output']>;
  at: Scalars['String']['output'];
  /** JSON details */
  detail?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  operation: Scalars['String']['output'];
  /** ok or denied */
  outcome: Scalars['String']['output'];
  region: Scalars['String']['output'];
  targetId?: Maybe<Scalars['String']['output']>;
  targetType: Scalars['String']['output'];
};

/** A household's ballot, as its caster (or whoever entered the paper ballot) sees it. */
export type Ballot = {
  __typename?: 'Ballot';
  /** The chosen option's index, per question. */
  answers: Array<Scalars['Int']['output']>;
  castAt: Scalars['String']['output'];
  /** The account that voted, or that entered the paper ballot. */
  castBy: Scalars['ID']['output'];
  channel: VoteChannel;
  householdId: Scalars['ID']['output'];
  /** The room number within its building, e.g. 2-301. */
  householdNumber: Scalars['String']['output'];
  /** The paper ballot's note. */
  note?: Maybe<Scalars['String']['output']>;
  proposalId: Scalars['ID']['output'];
};

export type BlowWhistleInput = {
  /** A department of its county (see departments). */
  departmentId: Scalars['ID']['input'];
  /** A petition at grid or community level, assigned, accepted or in progress. */
  petitionId: Scalars['ID']['input'];
  /** 1–500 characters; the department and the timeline see it. */
  reason: Scalars['String']['input'];
  /** Default normal. */
  urgency?: InputMaybe<WhistleUrgency>;
};

export type BoundingBoxInput = {
  east: Scalars['Float']['input'];
  north: Scalars['Float']['input'];
  south: Scalars['Float']['input'];
  west: Scalars['Float']['input'];
};

/** A building's current QR code (码上议), for staff to print. */
export type BuildingQr = {
  __typename?: 'BuildingQr';
  buildingId: Scalars['ID']['output'];
  buildingName: Scalars['String']['output'];
  issuedAt: Scalars['String']['output'];
  /** The code as a PNG data URL (data:image/png;base64,…). */
  png: Scalars['String']['output'];
  /** The code as an SVG document. */
  svg: Scalars['String']['output'];
  /** The credential in the code; rotating the building’s code revokes it. */
  token: Scalars['String']['output'];
  /** What the code opens: the public scan page with ?t=<token>. */
  url: Scalars['String']['output'];
  version: Scalars['Int']['output'];
};

export type CastVoteInput = {
  /** One answer per question, in order: the chosen option's index (0 = the first). */
  answers: Array<Scalars['Int']['input']>;
  proposalId: Scalars['ID']['input'];
};

/** A minor category of the taxonomy (事项分类), in its current version. */
export type Category = {
  __typename?: 'Category';
  /** Whether a petition of it may be submitted without a contact. */
  anonymousAllowed: Scalars['Boolean']['output'];
  /** The default department by its functional name, e.g. 住房和城乡建设局. */
  defaultDepartment?: Maybe<Scalars['String']['output']>;
  /** The level its petitions are assigned to first. */
  defaultLevel: Level;
  /** <major>.<minor>, e.g. municipal.streetlight. */
  key: Scalars['String']['output'];
  majorKey: Scalars['String']['output'];
  majorNameZh: Scalars['String']['output'];
  nameZh: Scalars['String']['output'];
  /** No longer offered for new petitions. */
  retired: Scalars['Boolean']['output'];
  /** Days a petition of it has from submission to closure. */
  timeLimitDays: Scalars['Int']['output'];
  /** When this version was made. */
  updatedAt: Scalars['String']['output'];
  /** Each edit is a new version; petitions keep the version they were filed under. */
  version: Scalars['Int']['output'];
};

/** A central-household head (中心户长): looks after about ten neighbouring households of the community (十户一联). */
export type CentralHead = {
  __typename?: 'CentralHead';
  createdAt: Scalars['String']['output'];
  /** Households linked to the head, the head's own included. */
  householdCount: Scalars['Int']['output'];
  /** The head's own household. */
  householdId: Scalars['ID']['output'];
  id: Scalars['ID']['output'];
  /** More than 15 households. */
  overloaded: Scalars['Boolean']['output'];
  partyMember: Scalars['Boolean']['output'];
  personId: Scalars['ID']['output'];
  region: Scalars['String']['output'];
};

/** Coverage of a node's households by central-household heads (十户一联). */
export type CentralHeadCoverage = {
  __typename?: 'CentralHeadCoverage';
  covered: Scalars['Int']['output'];
  /** Heads whose own household lies below the node. */
  heads: Array<CentralHeadLoad>;
  households: Scalars['Int']['output'];
  regionId: Scalars['ID']['output'];
  uncovered: Scalars['Int']['output'];
  /** The first 50 households without a head, by building and number. */
  uncoveredHouseholds: Array<UncoveredHousehold>;
};

export type CentralHeadLoad = {
  __typename?: 'CentralHeadLoad';
  householdCount: Scalars['Int']['output'];
  householdId: Scalars['ID']['output'];
  id: Scalars['ID']['output'];
  /** More than 15 households. */
  overloaded: Scalars['Boolean']['output'];
  partyMember: Scalars['Boolean']['output'];
  personId: Scalars['ID']['output'];
};

/** Intake channel: qr (building QR code 扫码) and photo (随手拍) need no account; hotline (12345), door_knock (敲门行动) and mailbox (红色信箱) are typed in by staff; sentinel (哨兵上报) and steward_app by enrolled stewards. */
export type Channel =
  | 'door_knock'
  | 'hotline'
  | 'mailbox'
  | 'photo'
  | 'qr'
  | 'sentinel'
  | 'steward_app';

/** claimed → checked_in → submitted → verified | rejected; withdrawn, expired. */
export type ClaimStatus =
  | 'checked_in'
  | 'claimed'
  | 'expired'
  | 'rejected'
  | 'submitted'
  | 'verified'
  | 'withdrawn';

export type CloseCaseInput = {
  caseId: Scalars['ID']['input'];
  /** At most 1000 characters; kept in the timeline. */
  note?: InputMaybe<Scalars['String']['input']>;
  outcome: MediationCaseOutcome;
};

/** An item on one of a community's four lists (四张清单). */
export type CommitteeItem = {
  __typename?: 'CommitteeItem';
  community: Scalars['String']['output'];
  createdAt: Scalars['String']['output'];
  detail?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  list: CommitteeListName;
  /** The member unit (驻区单位) that offers the resource or carries the project. */
  ownerUnit?: Maybe<Scalars['String']['output']>;
  /** The meeting whose decision filed it. */
  sourceMeetingId?: Maybe<Scalars['ID']['output']>;
  state: CommitteeItemState;
  title: Scalars['String']['output'];
  updatedAt: Scalars['String']['output'];
};

/** open (待办), in_progress (推进中), done (已完成), dropped (已撤销). */
export type CommitteeItemState =
  | 'done'
  | 'dropped'
  | 'in_progress'
  | 'open';

/** The committee's four lists (四张清单): problems (问题清单), needs (需求清单), resources (资源清单), projects (项目清单). */
export type CommitteeListName =
  | 'needs'
  | 'problems'
  | 'projects'
  | 'resources';

/** A community's four lists (四张清单) of its big party committee. */
export type CommitteeLists = {
  __typename?: 'CommitteeLists';
  community: Scalars['String']['output'];
  /** 需求清单. */
  needs: Array<CommitteeItem>;
  /** 问题清单. */
  problems: Array<CommitteeItem>;
  /** 项目清单. */
  projects: Array<CommitteeItem>;
  /** 资源清单. */
  resources: Array<CommitteeItem>;
};

/** One community's micro-wishes. */
export type CommunityMicroWishStats = {
  __typename?: 'CommunityMicroWishStats';
  /** Posted (收集). */
  collected: Scalars['Int']['output'];
  community: Scalars['String']['output'];
  /** Confirmed by their residents (办结). */
  fulfilled: Scalars['Int']['output'];
};

/** What you leave out keeps its value (defaults: 3 stars per community, lines 60 / 40 / 20). */
export type ConfigureHonoursInput = {
  /** The county: city/county. */
  county: Scalars['String']['input'];
  /** 1–50. */
  starsPerCommunity?: InputMaybe<Scalars['Int']['input']>;
  /** Score line of excellent (优秀); excellent ≥ good ≥ pass ≥ 0. */
  tierExcellent?: InputMaybe<Scalars['Float']['input']>;
  /** Score line of good (良好). */
  tierGood?: InputMaybe<Scalars['Float']['input']>;
  /** The pass line (合格): under it a unit fails and its stewards lose eligibility for the annual honours. */
  tierPass?: InputMaybe<Scalars['Float']['input']>;
};

/** A submitter's contact in full. Every read is audited with its reason. */
export type Contact = {
  __typename?: 'Contact';
  name: Scalars['String']['output'];
  petitionId: Scalars['ID']['output'];
  phone: Scalars['String']['output'];
};

/** The submitter's name and a mobile or landline number (stored encrypted; staff see it masked). */
export type ContactInput = {
  /** 1–50 characters. */
  name: Scalars['String']['input'];
  /** A mobile (13800138000) or landline (0724-1234567) number. */
  phone: Scalars['String']['input'];
};

/** A count of one key (a channel, a major category) with its Chinese label. */
export type CountByKey = {
  __typename?: 'CountByKey';
  count: Scalars['Int']['output'];
  key: Scalars['String']['output'];
  labelZh: Scalars['String']['output'];
};

export type CreateGridLayerInput = {
  key: Scalars['String']['input'];
  name: Scalars['String']['input'];
  nameZh: Scalars['String']['input'];
  staffRole: Scalars['String']['input'];
  staffTitleZh: Scalars['String']['input'];
};

export type CreateLayerGridInput = {
  code: Scalars['String']['input'];
  layerKey: Scalars['String']['input'];
  name: Scalars['String']['input'];
  region: Scalars['String']['input'];
  shape: Scalars['GeoJSON']['input'];
};

export type CreateMediationOrganisationInput = {
  kind: MediationOrganisationKind;
  /** 1–80 characters. */
  name: Scalars['String']['input'];
  /** The grid, community, street or county path it serves; its depth sets the level. */
  region: Scalars['String']['input'];
};

export type CreateMerchantInput = {
  address?: InputMaybe<Scalars['String']['input']>;
  /** The person who confirms redemptions at the till. */
  contactPersonId?: InputMaybe<Scalars['ID']['input']>;
  name: Scalars['String']['input'];
  /** A county or below (city/county/…). */
  region: Scalars['String']['input'];
};

export type CreatePartyOrgInput = {
  kind: PartyOrgKind;
  name: Scalars['String']['input'];
  /** The organisation of the kind above on the node above; empty for a community or village organisation. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** A community or village, compound or village group, or building, matching the kind. */
  regionId: Scalars['ID']['input'];
  /** A person grids knows, living in one of the caller’s regions. */
  secretaryPersonId?: InputMaybe<Scalars['ID']['input']>;
};

export type CreatePlaceInput = {
  /** An office phone: 0724-2345678, a mobile number or a 5-digit service line. */
  contactPhone?: InputMaybe<Scalars['String']['input']>;
  /** Nodes the place covers, all in its county. */
  covers?: InputMaybe<Array<Scalars['ID']['input']>>;
  kind: PlaceKind;
  location: LatLngInput;
  name: Scalars['String']['input'];
  /** At most 100 characters. */
  openingHours?: InputMaybe<Scalars['String']['input']>;
  /** The node it sits in; the location must lie within its shape when it has one. */
  regionId: Scalars['ID']['input'];
};

export type CreateProposalInput = {
  /** 1–5000 characters. */
  body: Scalars['String']['input'];
  /** ISO 8601 with offset. Voting opens then; a time already past opens it at once. */
  discussionEndsAt: Scalars['String']['input'];
  /** 1–8 questions, answered on one ballot. */
  questions: Array<ProposalQuestionInput>;
  /** Share of the area's households that must vote, 0–1; default 0.5. */
  quorum?: InputMaybe<Scalars['Float']['input']>;
  /** The affected area: a community, or a grid, compound or building in one. */
  region: Scalars['String']['input'];
  /** 1–100 characters. */
  title: Scalars['String']['input'];
  /** ISO 8601 with offset, after discussionEndsAt and in the future. */
  votingEndsAt: Scalars['String']['input'];
};

export type CreateRegionInput = {
  code: Scalars['String']['input'];
  kind?: InputMaybe<Scalars['String']['input']>;
  /** For a building, instead of a shape. */
  location?: InputMaybe<LatLngInput>;
  name: Scalars['String']['input'];
  /** Null only for a city. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  shape?: InputMaybe<Scalars['GeoJSON']['input']>;
};

export type CreateRewardItemInput = {
  merchantId: Scalars['ID']['input'];
  name: Scalars['String']['input'];
  pricePoints: Scalars['Int']['input'];
  stock: Scalars['Int']['input'];
};

export type CreateUnitInput = {
  code: Scalars['String']['input'];
  kind: UnitKind;
  name: Scalars['String']['input'];
  region: Scalars['String']['input'];
};

export type CreateWebhookInput = {
  /** 1–50 catalogued event types or service wildcards (gov.petitions.*). */
  eventTypes: Array<Scalars['String']['input']>;
  /** 1–100 characters. */
  name: Scalars['String']['input'];
  /** A county (jingmen/dongbao) or the city (jingmen). */
  region: Scalars['String']['input'];
  /** https (plain http only to localhost outside production). */
  url: Scalars['String']['input'];
};

/** A webhook as it was when it was removed, with its delivery log. */
export type DeletedWebhook = {
  __typename?: 'DeletedWebhook';
  /** false: nothing is sent (deliveries wait until it is switched on again). */
  active: Scalars['Boolean']['output'];
  createdAt: Scalars['String']['output'];
  createdBy: Scalars['ID']['output'];
  /** Event types (gov.petitions.petition.submitted.v1) and service wildcards (gov.petitions.*). */
  eventTypes: Array<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** A county (jingmen/dongbao), or the city (jingmen) for every county’s events. */
  region: Scalars['String']['output'];
  updatedAt: Scalars['String']['output'];
  /** Where deliveries are POSTed. */
  url: Scalars['String']['output'];
};

/** Five-member deliberation (五员议事) role. */
export type DeliberationRole =
  | 'custom_reformer'
  | 'dispute_mediator'
  | 'information_collector'
  | 'policy_explainer'
  | 'special_group_helper';

/** A government department petitions can be assigned to or whistle for. */
export type Department = {
  __typename?: 'Department';
  code?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** The county (or city) it belongs to. */
  region: Scalars['String']['output'];
};

/** One department's petitions in the period; the ranking orders them by on-time rate, then satisfaction, then closed. */
export type DepartmentRank = {
  __typename?: 'DepartmentRank';
  /** Submitted in the period and now with this department. */
  assigned: Scalars['Int']['output'];
  /** Of those closed, mean days from submission to resolution. */
  averageHandlingDays?: Maybe<Scalars['Float']['output']>;
  /** Closed in the period while with it. */
  closed: Scalars['Int']['output'];
  departmentId: Scalars['ID']['output'];
  departmentName: Scalars['String']['output'];
  /** Of those closed, resolved by their deadline (0–1). */
  onTimeRate?: Maybe<Scalars['Float']['output']>;
  /** Of those rated in the period, rated 4 or 5 (0–1). */
  satisfactionRate?: Maybe<Scalars['Float']['output']>;
};

/** Dispute category (纠纷类别): neighbours (邻里纠纷), land_boundary (土地边界纠纷), marriage_family (婚姻家庭纠纷), property_management (物业纠纷), labour_injury (劳动争议与工伤), consumer (消费纠纷), other (其他纠纷). */
export type DisputeCategory =
  | 'consumer'
  | 'labour_injury'
  | 'land_boundary'
  | 'marriage_family'
  | 'neighbours'
  | 'other'
  | 'property_management';

/** A new version of the agreement: parties who accepted an older one must accept again. */
export type DraftAgreementInput = {
  caseId: Scalars['ID']['input'];
  /** 纠纷事实, 1–4000 characters. */
  facts: Scalars['String']['input'];
  /** For a payment agreement: up to 60 instalments, followed up once agreed. */
  instalments?: InputMaybe<Array<AgreementInstalmentInput>>;
  /** 履行期限. A calendar day, YYYY-MM-DD. */
  performanceDeadline: Scalars['String']['input'];
  /** 履行方式, 1–200 characters. */
  performanceMethod: Scalars['String']['input'];
  template: AgreementTemplateKind;
  /** 协议内容: 1–20 terms of 1–1000 characters. */
  terms: Array<Scalars['String']['input']>;
};

export type DrawLotteryInput = {
  /** A county (city/county) or a street (city/county/street). */
  region: Scalars['String']['input'];
  /** A public seed (e.g. numbers drawn on stage); a random one is drawn and stored when absent. */
  seed?: InputMaybe<Scalars['String']['input']>;
  title: Scalars['String']['input'];
  winners: Scalars['Int']['input'];
};

/** An open petition that may repeat another: same category, same building or close by, filed since a week before it. */
export type DuplicateCandidate = {
  __typename?: 'DuplicateCandidate';
  /** Metres between the two, when both have a location. */
  distanceM?: Maybe<Scalars['Float']['output']>;
  petition: Petition;
  sameBuilding: Scalars['Boolean']['output'];
};

/** A cadre's duty check-ins (双报到) at their home community's office in a year, against the yearly target. */
export type DutySummary = {
  __typename?: 'DutySummary';
  /** Days checked in (one a day counts). */
  count: Scalars['Int']['output'];
  /** The days checked in, China Standard Time, YYYY-MM-DD, ascending. */
  days: Array<Scalars['String']['output']>;
  stewardId: Scalars['ID']['output'];
  /** Check-ins owed per year (12). */
  target: Scalars['Int']['output'];
  year: Scalars['Int']['output'];
};

/** epidemic 疫情, flood 防汛, fire 火灾, earthquake 地震. */
export type EmergencyType =
  | 'earthquake'
  | 'epidemic'
  | 'fire'
  | 'flood';

export type EnrollStewardInput = {
  building?: InputMaybe<Scalars['String']['input']>;
  class: Scalars['Int']['input'];
  deliberationRole?: InputMaybe<DeliberationRole>;
  grid: Scalars['String']['input'];
  personId: Scalars['ID']['input'];
  reportsToId?: InputMaybe<Scalars['ID']['input']>;
  sentinelRole?: InputMaybe<SentinelRole>;
  unitId: Scalars['ID']['input'];
};

export type EscalateCaseInput = {
  caseId: Scalars['ID']['input'];
  /** 1–500 characters; kept in the timeline. */
  reason: Scalars['String']['input'];
};

/** An excellent steward (优秀红管家) of the year. */
export type ExcellentSteward = {
  __typename?: 'ExcellentSteward';
  medal?: Maybe<Medal>;
  /** The steward's number (C-UNIT-GRID-BLDG-NNNN). */
  number: Scalars['String']['output'];
  /** The period ranked: 2026, 2026-Q4 or 2026-11 (China Standard Time). */
  period: Scalars['String']['output'];
  /** Earned in the period: completions, rating bonuses, manual adjustments. */
  points: Scalars['Int']['output'];
  /** Ties share a rank and the next rank skips (1, 2, 2, 4). */
  rank: Scalars['Int']['output'];
  /** The months the steward was a star of their community. */
  starMonths: Array<Scalars['String']['output']>;
  stewardId: Scalars['ID']['output'];
};

/** A county's excellent stewards of a year, chosen among the year's stars. */
export type ExcellentStewards = {
  __typename?: 'ExcellentStewards';
  county: Scalars['String']['output'];
  excluded: Array<ExcludedStar>;
  items: Array<ExcellentSteward>;
  /** The quarters whose unit tiers were checked (those that have ended). */
  quartersChecked: Array<Scalars['String']['output']>;
  year: Scalars['String']['output'];
};

/** A star who lost eligibility: their unit was under the pass line in a quarter. */
export type ExcludedStar = {
  __typename?: 'ExcludedStar';
  number: Scalars['String']['output'];
  quarter: Scalars['String']['output'];
  stewardId: Scalars['ID']['output'];
  unitId: Scalars['ID']['output'];
};

/** visit (回访, checking the agreement is kept) or payment (履行跟踪, an instalment due). */
export type FollowUpKind =
  | 'payment'
  | 'visit';

export type Grant = {
  __typename?: 'Grant';
  region: Scalars['String']['output'];
  role: Role;
};

export type GrantRoleInput = {
  personId: Scalars['ID']['input'];
  region: Scalars['String']['input'];
  role: Role;
};

/** A way of tiling the territory (网格图层): comprehensive, police, market supervision, law enforcement, … */
export type GridLayer = {
  __typename?: 'GridLayer';
  key: Scalars['String']['output'];
  name: Scalars['String']['output'];
  nameZh: Scalars['String']['output'];
  staffRole: Scalars['String']['output'];
  staffTitleZh: Scalars['String']['output'];
};

/** A person on duty for a grid. */
export type GridStaff = {
  __typename?: 'GridStaff';
  assignedAt: Scalars['String']['output'];
  gridId: Scalars['ID']['output'];
  id: Scalars['ID']['output'];
  layerKey: Scalars['String']['output'];
  name: Scalars['String']['output'];
  personId: Scalars['ID']['output'];
  role: Scalars['String']['output'];
  titleZh: Scalars['String']['output'];
};

/** A county's honour settings. */
export type HonourConfig = {
  __typename?: 'HonourConfig';
  county: Scalars['String']['output'];
  starsPerCommunity: Scalars['Int']['output'];
  tierExcellent: Scalars['Float']['output'];
  tierGood: Scalars['Float']['output'];
  tierPass: Scalars['Float']['output'];
  /** Null while the county uses the defaults. */
  updatedAt?: Maybe<Scalars['String']['output']>;
};

/** A household (户) in a building. Seen by people working on its region or above, not by residents. */
export type Household = {
  __typename?: 'Household';
  building?: Maybe<Region>;
  buildingId: Scalars['ID']['output'];
  /** The central-household head (中心户长) who looks after it. */
  centralHeadId?: Maybe<Scalars['ID']['output']>;
  createdAt: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  members: Array<HouseholdMember>;
  /** Room number within the building, e.g. 2-301. */
  number: Scalars['String']['output'];
  /** The building's region path. */
  region: Scalars['String']['output'];
  updatedAt: Scalars['String']['output'];
};

export type HouseholdConnection = {
  __typename?: 'HouseholdConnection';
  items: Array<Household>;
  pageInfo: PageInfo;
};

export type HouseholdMember = {
  __typename?: 'HouseholdMember';
  /** Identity's person id. */
  personId: Scalars['ID']['output'];
  relation: HouseholdRelation;
  since: Scalars['String']['output'];
};

/** How a member relates to the head of household (户主); one head per household. */
export type HouseholdRelation =
  | 'child'
  | 'grandchild'
  | 'grandparent'
  | 'head'
  | 'other'
  | 'parent'
  | 'sibling'
  | 'spouse';

export type ImportLevelCount = {
  __typename?: 'ImportLevelCount';
  count: Scalars['Int']['output'];
  level: Scalars['String']['output'];
};

/** One problem of an import: a feature (index, path) or a CSV line. Errors stop the import; warnings (GAP) do not. */
export type ImportProblem = {
  __typename?: 'ImportProblem';
  /** OVERLAP and GAP: the area concerned in m². */
  areaM2?: Maybe<Scalars['Float']['output']>;
  /** e.g. INVALID_GEOMETRY, OUTSIDE_PARENT, UNKNOWN_PARENT, DUPLICATE_PATH, ALREADY_EXISTS, LEVEL_NOT_ALLOWED, OVERLAP, GAP, UNKNOWN_BUILDING. */
  code: Scalars['String']['output'];
  /** The feature's index in the file (0-based). */
  index?: Maybe<Scalars['Int']['output']>;
  /** The CSV line (1-based, the header is line 1). */
  line?: Maybe<Scalars['Int']['output']>;
  message: Scalars['String']['output'];
  /** OVERLAP: the other grid's path. */
  otherPath?: Maybe<Scalars['String']['output']>;
  path?: Maybe<Scalars['String']['output']>;
  /** error or warning. */
  severity: Scalars['String']['output'];
};

export type ImportRegionsInput = {
  /** Only validate and report; nothing is written. */
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  /** A GeoJSON FeatureCollection as text: properties {path, name, kind?, level?}, Polygon/MultiPolygon for areas, Point for buildings; parents first. At most 200 KB with the CSV (IMPORT_TOO_LARGE): import a county street by street. */
  geojson: Scalars['String']['input'];
  /** Households as CSV: a building_path,number header, then one household a line. */
  householdsCsv?: InputMaybe<Scalars['String']['input']>;
};

/** What an import found and did: written all-or-nothing, only without errors. */
export type ImportReport = {
  __typename?: 'ImportReport';
  /** Sound nodes by level. */
  byLevel: Array<ImportLevelCount>;
  /** True only when everything was written. */
  committed: Scalars['Boolean']['output'];
  dryRun: Scalars['Boolean']['output'];
  errors: Scalars['Int']['output'];
  features: Scalars['Int']['output'];
  householdRows: Scalars['Int']['output'];
  householdsCreated: Scalars['Int']['output'];
  /** At most 1000, errors first. */
  problems: Array<ImportProblem>;
  problemsTruncated: Scalars['Boolean']['output'];
  regionsCreated: Scalars['Int']['output'];
  warnings: Scalars['Int']['output'];
};

/** Judicial confirmation (司法确认) of the agreement: none → requested (joint application filed, 已申请) → confirmed (已确认) | rejected (驳回); lapsed (逾期) when 30 days passed without an application. */
export type JudicialConfirmationState =
  | 'confirmed'
  | 'lapsed'
  | 'none'
  | 'rejected'
  | 'requested';

export type LatLng = {
  __typename?: 'LatLng';
  lat: Scalars['Float']['output'];
  lng: Scalars['Float']['output'];
};

export type LatLngInput = {
  lat: Scalars['Float']['input'];
  lng: Scalars['Float']['input'];
};

export type LayerGrid = {
  __typename?: 'LayerGrid';
  code: Scalars['String']['output'];
  /** For the comprehensive layer, the tree's grid node. */
  id: Scalars['ID']['output'];
  layerKey: Scalars['String']['output'];
  name: Scalars['String']['output'];
  region: Scalars['String']['output'];
};

export type LayerTeam = {
  __typename?: 'LayerTeam';
  grid?: Maybe<LayerGrid>;
  layer: GridLayer;
  staff: Array<GridStaff>;
};

/** One entry of a steward's side of the ledger. */
export type LedgerEntry = {
  __typename?: 'LedgerEntry';
  amount: Scalars['Int']['output'];
  at: Scalars['String']['output'];
  memo: Scalars['String']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  sourceId: Scalars['String']['output'];
  sourceType: PointsSource;
  txnId: Scalars['ID']['output'];
};

export type LedgerEntryConnection = {
  __typename?: 'LedgerEntryConnection';
  items: Array<LedgerEntry>;
  pageInfo: PageInfo;
};

/** Handling level, lowest first: grid, community, street, department (小事不出网格、大事不出社区). */
export type Level =
  | 'community'
  | 'department'
  | 'grid'
  | 'street';

export type LevelCount = {
  __typename?: 'LevelCount';
  count: Scalars['Int']['output'];
  level: Scalars['String']['output'];
};

export type LinkToCentralHeadInput = {
  centralHeadId: Scalars['ID']['input'];
  /** Households of the head's community (at most 50). */
  householdIds: Array<Scalars['ID']['input']>;
};

/** Who answers for a point on the map (多格合一). */
export type Location = {
  __typename?: 'Location';
  lat: Scalars['Float']['output'];
  layers: Array<LayerTeam>;
  lng: Scalars['Float']['output'];
  /** The node at every level whose area covers the point, city first. */
  regions: Array<Region>;
};

/** A voucher lottery (抽奖): with its seed, pool and digest anyone can recompute the winners (see `algorithm`). */
export type LotteryDraw = {
  __typename?: 'LotteryDraw';
  algorithm: Scalars['String']['output'];
  county: Scalars['String']['output'];
  drawnAt: Scalars['String']['output'];
  drawnBy: Scalars['ID']['output'];
  id: Scalars['ID']['output'];
  /** A page of the pool: voucher ids in ascending order. */
  pool: Array<Scalars['ID']['output']>;
  /** Hex SHA-256 of the sorted pool ids joined by "\n". */
  poolDigest: Scalars['String']['output'];
  /** Pass as `poolAfter` for the next page of the pool. */
  poolNextCursor?: Maybe<Scalars['String']['output']>;
  poolSize: Scalars['Int']['output'];
  /** The county or street whose vouchers were drawn. */
  region: Scalars['String']['output'];
  seed: Scalars['String']['output'];
  title: Scalars['String']['output'];
  /** Rank 1 first. */
  winners: Array<LotteryWinner>;
};

export type LotteryWinner = {
  __typename?: 'LotteryWinner';
  rank: Scalars['Int']['output'];
  stewardId: Scalars['ID']['output'];
  voucherId: Scalars['ID']['output'];
};

/** A major category with its minor categories. */
export type MajorCategory = {
  __typename?: 'MajorCategory';
  categories: Array<Category>;
  key: Scalars['String']['output'];
  nameZh: Scalars['String']['output'];
};

export type Me = {
  __typename?: 'Me';
  accountId: Scalars['ID']['output'];
  grants: Array<Grant>;
  personId?: Maybe<Scalars['ID']['output']>;
  username: Scalars['String']['output'];
};

/** Excellent stewards of the year: gold for places 1–10, silver 11–30, bronze 31–60. */
export type Medal =
  | 'bronze'
  | 'gold'
  | 'silver';

/** A case's current agreement (人民调解协议书): each draft is a new version; it takes effect when every party accepted that version. html and pdfUrl give the printable document. */
export type MediationAgreement = {
  __typename?: 'MediationAgreement';
  /** Parties who accepted this version. */
  acceptances: Array<AgreementAcceptance>;
  caseId: Scalars['ID']['output'];
  draftedAt: Scalars['String']['output'];
  /** The account that drafted this version. */
  draftedBy: Scalars['ID']['output'];
  /** Every party accepted this version: the agreement is in effect. */
  effective: Scalars['Boolean']['output'];
  /** 纠纷事实: what happened, as the parties agree it. */
  facts: Scalars['String']['output'];
  /** The agreement as a printable HTML document (one request to the service per agreement). */
  html: Scalars['String']['output'];
  instalments: Array<AgreementInstalment>;
  /** Path under the gateway that serves the agreement as a PDF (GET, with the same sign-in that may read the case). */
  pdfUrl: Scalars['String']['output'];
  /** 履行期限: by when everything is performed. A calendar day, YYYY-MM-DD. */
  performanceDeadline: Scalars['String']['output'];
  /** 履行方式, e.g. 银行转账. */
  performanceMethod: Scalars['String']['output'];
  template: AgreementTemplateKind;
  /** 协议内容: the terms, in order. */
  terms: Array<Scalars['String']['output']>;
  version: Scalars['Int']['output'];
};

/** A dispute case (调解案件) from intake to a settled agreement, a referral or a withdrawal; seen by staff of its region, its mediator and its parties. */
export type MediationCase = {
  __typename?: 'MediationCase';
  /** When every party had accepted the agreement (it took effect). */
  agreedAt?: Maybe<Scalars['String']['output']>;
  /** The current agreement draft, if any. */
  agreementVersion?: Maybe<Scalars['Int']['output']>;
  /** Amount in dispute. In fen (分, 1/100 yuan): a whole number up to 10^13, typed Float because it can exceed a 32-bit Int. Null when not about money. */
  amountFen?: Maybe<Scalars['Float']['output']>;
  category: DisputeCategory;
  categoryZh: Scalars['String']['output'];
  closedAt?: Maybe<Scalars['String']['output']>;
  /** The last day to apply jointly for judicial confirmation: 30 days after the agreement took effect. */
  confirmationDeadline?: Maybe<Scalars['String']['output']>;
  confirmationState: JudicialConfirmationState;
  county: Scalars['String']['output'];
  /** The court's referral number, e.g. （2026）鄂0802民诉前调1234号. */
  courtReference?: Maybe<Scalars['String']['output']>;
  /** 民转刑 risk: the dispute may turn violent; the police grid is alerted. */
  criminalRisk: Scalars['Boolean']['output'];
  /** Times it went up a level. */
  escalations: Scalars['Int']['output'];
  /** What happened (纠纷事实). */
  facts: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  level: MediationLevel;
  mediatorId?: Maybe<Scalars['ID']['output']>;
  mediatorName?: Maybe<Scalars['String']['output']>;
  /** Case number per county and year, e.g. 东宝调〔2026〕0001号. */
  number: Scalars['String']['output'];
  openedAt: Scalars['String']['output'];
  /** The account that opened it. */
  openedBy: Scalars['ID']['output'];
  organisationId?: Maybe<Scalars['ID']['output']>;
  organisationName?: Maybe<Scalars['String']['output']>;
  /** Set once closed. */
  outcome?: Maybe<MediationCaseOutcome>;
  /** 2–10 parties, at least one applicant and one respondent. */
  parties: Array<MediationParty>;
  /** The police grid alerted of a criminal risk (the community of the place). */
  policeGrid?: Maybe<Scalars['String']['output']>;
  /** The grid or community where the dispute is. */
  region: Scalars['String']['output'];
  risk: MediationRiskLevel;
  source: MediationCaseSource;
  /** The deliberation meeting it came from (source deliberation). */
  sourceMeetingId?: Maybe<Scalars['ID']['output']>;
  /** The petition it came from (source petition). */
  sourcePetitionId?: Maybe<Scalars['ID']['output']>;
  state: MediationCaseState;
  title: Scalars['String']['output'];
  updatedAt: Scalars['String']['output'];
};

export type MediationCaseConnection = {
  __typename?: 'MediationCaseConnection';
  items: Array<MediationCase>;
  pageInfo: PageInfo;
};

/** How a closed case ended: performed (履行完毕, the only resolved outcome), referred_litigation (转诉讼), referred_arbitration (转仲裁), withdrawn (申请人撤回), no_agreement (调解不成). */
export type MediationCaseOutcome =
  | 'no_agreement'
  | 'performed'
  | 'referred_arbitration'
  | 'referred_litigation'
  | 'withdrawn';

/** Where a dispute came from: petition (a petition handed on, 诉求转调解), walk_in (来访), court_referral (a court's pre-litigation referral, 诉前委派), deliberation (a deliberation meeting, 议事会). */
export type MediationCaseSource =
  | 'court_referral'
  | 'deliberation'
  | 'petition'
  | 'walk_in';

/** opened (受理, waiting for a mediator at its level) → assigned (已指派) → mediating (调解中, a session is scheduled) → agreed (达成协议, every party accepted) → closed (结案, with an outcome). Escalation takes an open case back to opened one level up. */
export type MediationCaseState =
  | 'agreed'
  | 'assigned'
  | 'closed'
  | 'mediating'
  | 'opened';

/** One transition of a case, with who made it: the audit trail. */
export type MediationCaseTimelineEntry = {
  __typename?: 'MediationCaseTimelineEntry';
  /** e.g. opened, assigned, escalated, session_recorded, agreed, closed. */
  action: Scalars['String']['output'];
  actorAccountId?: Maybe<Scalars['ID']['output']>;
  /** system (a sweep or an event), or the username of the staff member. */
  actorLabel: Scalars['String']['output'];
  at: Scalars['String']['output'];
  fromState?: Maybe<MediationCaseState>;
  note?: Maybe<Scalars['String']['output']>;
  /** Order of the entries (a growing number, as a string). */
  seq: Scalars['String']['output'];
  toState: MediationCaseState;
};

/** A conflict of interest (回避事由) between a mediator and a party. */
export type MediationConflict = {
  __typename?: 'MediationConflict';
  kind: MediationConflictKind;
  partyId: Scalars['ID']['output'];
  partyName: Scalars['String']['output'];
};

/** Why a mediator must stand aside (回避): same_household (同户), same_building (同楼栋), declared_relation (a party declared them related, 亲属), is_party (the mediator is a party, 当事人). */
export type MediationConflictKind =
  | 'declared_relation'
  | 'is_party'
  | 'same_building'
  | 'same_household';

/** Mediation figures of a set of cases opened in the period. */
export type MediationFigures = {
  __typename?: 'MediationFigures';
  /** Mean days from opening to the agreement taking effect; null when none. */
  avgDaysToAgreement?: Maybe<Scalars['Float']['output']>;
  /** Agreements judicially confirmed (司法确认). */
  confirmed: Scalars['Int']['output'];
  /** Cases flagged with a criminal risk (民转刑). */
  criminalRiskFlagged: Scalars['Int']['output'];
  /** Closed without agreement (referred, no agreement) or withdrawn. */
  failed: Scalars['Int']['output'];
  /** Still open. */
  open: Scalars['Int']['output'];
  /** Of those, settled by an effective agreement (调解成功). */
  resolved: Scalars['Int']['output'];
  /** resolved / (resolved + failed), 0–1 (调解成功率); null when none concluded. */
  successRate?: Maybe<Scalars['Float']['output']>;
  /** Cases opened in the period (受理). */
  taken: Scalars['Int']['output'];
};

/** A follow-up of an agreement: a visit (回访) or an instalment to check (履行跟踪). */
export type MediationFollowUp = {
  __typename?: 'MediationFollowUp';
  /** The instalment due. In fen (分, 1/100 yuan): a whole number up to 10^13, typed Float because it can exceed a 32-bit Int. */
  amountFen?: Maybe<Scalars['Float']['output']>;
  caseId: Scalars['ID']['output'];
  /** Visit made / instalment paid in full; null until recorded. */
  done?: Maybe<Scalars['Boolean']['output']>;
  /** A calendar day, YYYY-MM-DD. */
  dueOn: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  kind: FollowUpKind;
  note?: Maybe<Scalars['String']['output']>;
  /** Due and not yet recorded. */
  overdue: Scalars['Boolean']['output'];
  /** What was paid. In fen (分, 1/100 yuan): a whole number up to 10^13, typed Float because it can exceed a 32-bit Int. */
  paidFen?: Maybe<Scalars['Float']['output']>;
  recordedAt?: Maybe<Scalars['String']['output']>;
};

/** Handling level, lowest first: grid (网格), community (社区), street (街道), county (县级调处中心) — 小事不出网格、大事不出社区. */
export type MediationLevel =
  | 'community'
  | 'county'
  | 'grid'
  | 'street';

/** A deliberation meeting (议事会) of a community or grid, with its agenda, minutes and decisions. */
export type MediationMeeting = {
  __typename?: 'MediationMeeting';
  agenda: Array<MeetingAgendaItem>;
  /** Empty until the minutes are recorded. */
  attendees: Array<MeetingAttendee>;
  createdAt: Scalars['String']['output'];
  /** The account that scheduled it. */
  createdBy: Scalars['ID']['output'];
  decisions: Array<MeetingDecision>;
  id: Scalars['ID']['output'];
  kind: MediationMeetingKind;
  minutes?: Maybe<Scalars['String']['output']>;
  place: Scalars['String']['output'];
  /** The community or grid that holds it. */
  region: Scalars['String']['output'];
  startsAt: Scalars['String']['output'];
  state: MediationMeetingState;
  title: Scalars['String']['output'];
};

/** Deliberation meeting (议事会): five_member (五员议事), red_bench (红板凳议事会), evening_talk (村湾夜话), joint_committee (the community big party committee's quarterly joint meeting, 大党委联席会). */
export type MediationMeetingKind =
  | 'evening_talk'
  | 'five_member'
  | 'joint_committee'
  | 'red_bench';

/** scheduled (已安排, the agenda is open) → held (已召开, minutes recorded; decisions may follow). */
export type MediationMeetingState =
  | 'held'
  | 'scheduled';

/** A meeting as a list shows it: its agenda, decisions and attendees counted (mediationMeeting gives them in full). */
export type MediationMeetingSummary = {
  __typename?: 'MediationMeetingSummary';
  agendaItems: Scalars['Int']['output'];
  /** 0 until the minutes are recorded. */
  attendees: Scalars['Int']['output'];
  createdAt: Scalars['String']['output'];
  decisions: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  kind: MediationMeetingKind;
  place: Scalars['String']['output'];
  /** The community or grid that holds it. */
  region: Scalars['String']['output'];
  startsAt: Scalars['String']['output'];
  state: MediationMeetingState;
  title: Scalars['String']['output'];
};

/** A mediation organisation (调解组织) serving a node of the region tree; the depth of its region sets its level. */
export type MediationOrganisation = {
  __typename?: 'MediationOrganisation';
  createdAt: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  kind: MediationOrganisationKind;
  level: MediationLevel;
  mediatorCount: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  /** Open cases assigned to its mediators now. */
  openCases: Scalars['Int']['output'];
  /** The grid, community, street or county it serves. */
  region: Scalars['String']['output'];
};

/** committee: people's mediation committee (人民调解委员会); five_elders: five-elders team (五老调解队); judge_studio: court-stationed judge studio (法官工作室); county_centre: the county's one-stop centre (矛盾纠纷调处化解中心). */
export type MediationOrganisationKind =
  | 'committee'
  | 'county_centre'
  | 'five_elders'
  | 'judge_studio';

/** A party (当事人) of a case: phone and ID number masked (mediationPartyContact unmasks them, audited). */
export type MediationParty = {
  __typename?: 'MediationParty';
  /** The agreement version this party accepted, if any. */
  acceptedAgreementVersion?: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  idNumberMasked?: Maybe<Scalars['String']['output']>;
  /** A person or an organisation (an employer, a property company). */
  name: Scalars['String']['output'];
  /** The identity person, when the party has one. */
  personId?: Maybe<Scalars['ID']['output']>;
  /** e.g. 138****5678. */
  phoneMasked?: Maybe<Scalars['String']['output']>;
  role: MediationPartyRole;
};

/** A party's phone and ID number in full. Every read is audited. */
export type MediationPartyContact = {
  __typename?: 'MediationPartyContact';
  caseId: Scalars['ID']['output'];
  idNumber?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  partyId: Scalars['ID']['output'];
  phone?: Maybe<Scalars['String']['output']>;
};

/** A party of a new case. */
export type MediationPartyInput = {
  /** An 18-character ID number or unified credit code; stored encrypted, shown masked. */
  idNumber?: InputMaybe<Scalars['String']['input']>;
  /** A person or an organisation, 1–60 characters. */
  name: Scalars['String']['input'];
  /** The identity person, when the party has one: the conflict check and self-service acceptance use it. */
  personId?: InputMaybe<Scalars['ID']['input']>;
  /** A mobile or landline number; stored encrypted, shown masked. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** Mediators' person ids the party declares related (亲属): they may not mediate. At most 20. */
  relatedPersonIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  role: MediationPartyRole;
};

/** applicant (申请人) or respondent (被申请人). */
export type MediationPartyRole =
  | 'applicant'
  | 'respondent';

/** Risk of the dispute escalating (风险等级): low (低), medium (中), high (高). */
export type MediationRiskLevel =
  | 'high'
  | 'low'
  | 'medium';

/** A mediation session (调解会) of a case: scheduled, then recorded with who attended and notes. */
export type MediationSession = {
  __typename?: 'MediationSession';
  /** Parties present (ids of the case’s parties). */
  attendedPartyIds: Array<Scalars['ID']['output']>;
  caseId: Scalars['ID']['output'];
  id: Scalars['ID']['output'];
  /** Online: the video meeting link. */
  meetingLink?: Maybe<Scalars['String']['output']>;
  mode: MediationSessionMode;
  notes?: Maybe<Scalars['String']['output']>;
  /** In person: the room, e.g. 龙泉街道调解室. */
  place?: Maybe<Scalars['String']['output']>;
  recordedAt?: Maybe<Scalars['String']['output']>;
  /** The account that recorded it. */
  recordedBy?: Maybe<Scalars['ID']['output']>;
  /** Its number among the case's sessions, from 1. */
  seq: Scalars['Int']['output'];
  startsAt: Scalars['String']['output'];
  state: MediationSessionState;
};

/** in_person (现场调解, in a mediation room) or online (线上调解, a video meeting). */
export type MediationSessionMode =
  | 'in_person'
  | 'online';

/** scheduled (已安排) → held (已召开) or cancelled (未召开). */
export type MediationSessionState =
  | 'cancelled'
  | 'held'
  | 'scheduled';

/** Live mediation statistics (调解统计) of a region over [from, to): totals and one row per group. */
export type MediationStats = {
  __typename?: 'MediationStats';
  /** First day counted (YYYY-MM-DD). */
  from: Scalars['String']['output'];
  groupBy: MediationStatsGrouping;
  region: Scalars['String']['output'];
  rows: Array<MediationStatsRow>;
  /** The day after the last one counted (YYYY-MM-DD). */
  to: Scalars['String']['output'];
  totals: MediationFigures;
};

/** How rows are grouped (分组): organisation (by mediation organisation), region (by the next region level down), category (by dispute category), month (by month opened, YYYY-MM). */
export type MediationStatsGrouping =
  | 'category'
  | 'month'
  | 'organisation'
  | 'region';

/** The figures of one group. */
export type MediationStatsRow = {
  __typename?: 'MediationStatsRow';
  /** Mean days from opening to the agreement taking effect; null when none. */
  avgDaysToAgreement?: Maybe<Scalars['Float']['output']>;
  /** Agreements judicially confirmed (司法确认). */
  confirmed: Scalars['Int']['output'];
  /** Cases flagged with a criminal risk (民转刑). */
  criminalRiskFlagged: Scalars['Int']['output'];
  /** Closed without agreement (referred, no agreement) or withdrawn. */
  failed: Scalars['Int']['output'];
  /** The organisation id, region path, category key or month (YYYY-MM). */
  key: Scalars['String']['output'];
  /** Its name to show, e.g. 龙泉街道人民调解委员会, 邻里纠纷, 2026-11. */
  label: Scalars['String']['output'];
  /** Still open. */
  open: Scalars['Int']['output'];
  /** Of those, settled by an effective agreement (调解成功). */
  resolved: Scalars['Int']['output'];
  /** resolved / (resolved + failed), 0–1 (调解成功率); null when none concluded. */
  successRate?: Maybe<Scalars['Float']['output']>;
  /** Cases opened in the period (受理). */
  taken: Scalars['Int']['output'];
};

/** A mediator (调解员) of an organisation: a steward, staff member or volunteer with the specialities they take. */
export type Mediator = {
  __typename?: 'Mediator';
  /** Taking new cases. */
  available: Scalars['Boolean']['output'];
  /** Open cases this mediator takes at most. */
  capacity: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  level: MediationLevel;
  /** Open cases assigned now. */
  load: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  organisationId: Scalars['ID']['output'];
  organisationName: Scalars['String']['output'];
  /** The identity person who mediates. */
  personId: Scalars['ID']['output'];
  /** The organisation's region. */
  region: Scalars['String']['output'];
  specialities: Array<DisputeCategory>;
};

/** A mediator suggested for a case, best first; one with conflicts is shown but needs an override reason to assign. */
export type MediatorSuggestion = {
  __typename?: 'MediatorSuggestion';
  capacity: Scalars['Int']['output'];
  conflicts: Array<MediationConflict>;
  /** Open cases assigned now. */
  load: Scalars['Int']['output'];
  mediatorId: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  organisationId: Scalars['ID']['output'];
  organisationName: Scalars['String']['output'];
  /** Higher is better: speciality match, nearness of the organisation to the place, spare capacity. */
  score: Scalars['Float']['output'];
  specialities: Array<DisputeCategory>;
};

/** An item on a meeting's agenda (议题). */
export type MeetingAgendaItem = {
  __typename?: 'MeetingAgendaItem';
  description?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  meetingId: Scalars['ID']['output'];
  /** Its place on the agenda, from 1. */
  position: Scalars['Int']['output'];
  source: AgendaItemSource;
  /** The petition, proposal or list item it came from. */
  sourceId?: Maybe<Scalars['ID']['output']>;
  title: Scalars['String']['output'];
};

/** Someone who attended a meeting, with their role (e.g. 信息员). */
export type MeetingAttendee = {
  __typename?: 'MeetingAttendee';
  name: Scalars['String']['output'];
  /** The identity person, when known. */
  personId?: Maybe<Scalars['ID']['output']>;
  role: Scalars['String']['output'];
};

export type MeetingAttendeeInput = {
  /** 1–40 characters. */
  name: Scalars['String']['input'];
  personId?: InputMaybe<Scalars['ID']['input']>;
  /** e.g. 信息员 (1–40 characters). */
  role: Scalars['String']['input'];
};

/** A decision (决议) of a held meeting; tasks, petitions or mediation act on what it asks for. */
export type MeetingDecision = {
  __typename?: 'MeetingDecision';
  action: MeetingDecisionAction;
  agendaItemId?: Maybe<Scalars['ID']['output']>;
  decidedAt: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** The list item the decision filed (action list_item). */
  listItemId?: Maybe<Scalars['ID']['output']>;
  meetingId: Scalars['ID']['output'];
  text: Scalars['String']['output'];
};

/** What a decision asks for: none (仅记录), task (a volunteer task), proposal (a residents’ proposal vote), mediation_case (a dispute case), list_item (an item on one of the four lists). */
export type MeetingDecisionAction =
  | 'list_item'
  | 'mediation_case'
  | 'none'
  | 'proposal'
  | 'task';

/** A merchant of the red merchant alliance (红色商家联盟), with its rewards. */
export type Merchant = {
  __typename?: 'Merchant';
  address: Scalars['String']['output'];
  /** The person who confirms redemptions at the till. */
  contactPersonId?: Maybe<Scalars['ID']['output']>;
  createdAt: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  items: Array<RewardItem>;
  name: Scalars['String']['output'];
  region: Scalars['String']['output'];
};

export type MerchantConnection = {
  __typename?: 'MerchantConnection';
  items: Array<Merchant>;
  pageInfo: PageInfo;
};

/** A resident's micro-wish (微心愿): fulfilled by a steward as a one-place task, confirmed and rated by the resident. */
export type MicroWish = {
  __typename?: 'MicroWish';
  category: MicroWishCategory;
  /** The steward's claim on it, while claimed, fulfilled or confirmed. */
  claimId?: Maybe<Scalars['ID']['output']>;
  /** The community (社区/村) it counts in. */
  community: Scalars['String']['output'];
  confirmedAt?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['String']['output'];
  /** Open for claims until then. */
  deadline: Scalars['String']['output'];
  description: Scalars['String']['output'];
  /** When the steward submitted the work. */
  fulfilledAt?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  location: LatLng;
  /** Points its steward earns on confirmation. */
  points: Scalars['Int']['output'];
  /** The person (resident) who posted it; only they confirm it. */
  postedBy: Scalars['ID']['output'];
  /** The grid, compound or building it is about. */
  region: Scalars['String']['output'];
  /** The resident's 1–5 stars, once confirmed. */
  stars?: Maybe<Scalars['Int']['output']>;
  status: MicroWishStatus;
  stewardId?: Maybe<Scalars['ID']['output']>;
  /** Its task (claims, check-in, submission). */
  task?: Maybe<Task>;
  /** The task stewards claim, check in on and submit (`task`). */
  taskId: Scalars['ID']['output'];
  title: Scalars['String']['output'];
};

/** suggestion 建议, dispute 纠纷, hazard 隐患, difficulty 困难. */
export type MicroWishCategory =
  | 'difficulty'
  | 'dispute'
  | 'hazard'
  | 'suggestion';

export type MicroWishConnection = {
  __typename?: 'MicroWishConnection';
  items: Array<MicroWish>;
  pageInfo: PageInfo;
};

/** Micro-wishes collected and fulfilled under a region, per community (those you may see). */
export type MicroWishStats = {
  __typename?: 'MicroWishStats';
  collected: Scalars['Int']['output'];
  communities: Array<CommunityMicroWishStats>;
  fulfilled: Scalars['Int']['output'];
  region: Scalars['String']['output'];
};

/** posted → claimed (a steward took its task) → fulfilled (the work is submitted) → confirmed (by its resident); cancelled: withdrawn, or lapsed unfulfilled. */
export type MicroWishStatus =
  | 'cancelled'
  | 'claimed'
  | 'confirmed'
  | 'fulfilled'
  | 'posted';

export type MoveHouseholdInput = {
  buildingId: Scalars['ID']['input'];
  id: Scalars['ID']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** A party accepts (签字确认) the current version for themself, or the case's mediator or an admin of its place records a signature given in person; the last acceptance makes the case agreed and schedules its follow-ups. Refused: FORBIDDEN NOT_YOUR_PARTY (a party accepting for another); CONFLICT WRONG_STATE (a stale version, or the case is not negotiating), ALREADY_ACCEPTED, NO_AGREEMENT; NOT_FOUND UNKNOWN_PARTY, or a case you may not read. */
  acceptAgreement: MediationAgreement;
  /** A handler at its level accepts an assigned petition (FORBIDDEN otherwise). Refused: CONFLICT WRONG_STATE; NOT_FOUND. */
  acceptPetition: Petition;
  /** A department handler of the county reports for duty (报到), once (FORBIDDEN for anyone else). Refused: CONFLICT ALREADY_ACKNOWLEDGED; NOT_FOUND for a whistle that is missing or another county's. */
  acknowledgeWhistle: Whistle;
  /** Add an item to a scheduled meeting's agenda: grid workers, mediators and admins of its place or above (FORBIDDEN otherwise). Refused: CONFLICT WRONG_STATE (the minutes are recorded); VALIDATION UNKNOWN_SOURCE (no sourceId for a petition, proposal or list item, one for raised, or a list item not of the meeting's community); NOT_FOUND for a meeting that is missing or another county's. */
  addAgendaItem: MeetingAgendaItem;
  addHouseholdMember: Household;
  /** Admins of the organisation's region or above add a person as its mediator (FORBIDDEN otherwise). Refused: CONFLICT ALREADY_A_MEDIATOR (the person mediates for it already); NOT_FOUND UNKNOWN_ORGANISATION (missing or another county's). */
  addMediator: Mediator;
  /** Appoints a member of the household as a central-household head (中心户长); the household is linked to them. */
  appointCentralHead: CentralHead;
  /** Archives a node with no active children; nodes are never deleted. */
  archiveRegion: Region;
  assignGridStaff: GridStaff;
  /** Assign a mediator (指派): admins of the case's place or above (FORBIDDEN otherwise); a mediator with a conflict of interest needs overrideReason, which is audited and published. Refused: CONFLICT WRONG_STATE, CONFLICT_OF_INTEREST, MEDIATOR_UNAVAILABLE (not taking cases, or at capacity); VALIDATION MEDIATOR_WRONG_LEVEL; NOT_FOUND UNKNOWN_MEDIATOR, or a case you may not read. */
  assignMediator: MediationCase;
  /** Assign (交办) to a level: the screener, or the current handler passing it up (FORBIDDEN otherwise). Refused: CONFLICT WRONG_STATE; VALIDATION WRONG_LEVEL (departmentId at department level only, required there), UNKNOWN_DEPARTMENT, ASSIGNEE_OUTSIDE_REGION; NOT_FOUND. */
  assignPetition: Petition;
  /** The petition's community (or above) summons a department of its county; it must report within 24 h (urgent: 2 h). FORBIDDEN for anyone else. Refused: CONFLICT WHISTLE_NOT_COMMUNITY (the petition is above community level), WRONG_STATE (not being handled); VALIDATION UNKNOWN_DEPARTMENT; NOT_FOUND for a petition that is missing or another county’s. */
  blowWhistle: Whistle;
  /** The publisher or a verifier of the region; open claims are withdrawn. */
  cancelTask: Task;
  /** Vote for your household (one ballot per household, whichever member casts it). Refused: FORBIDDEN NOT_A_HOUSEHOLD_IN_AREA (no household of yours in the area); CONFLICT VOTING_NOT_OPEN (still under discussion), VOTING_CLOSED, HOUSEHOLD_ALREADY_VOTED (online or on paper); VALIDATION ANSWER_MISMATCH; NOT_FOUND for a proposal you may not read. */
  castVote: Ballot;
  /** Check in on the spot: counts only within the task's radius (50 m unless its place says otherwise). */
  checkIn: TaskClaim;
  /** Take a place on the task (enrolled stewards; never beyond capacity). */
  claimTask: TaskClaim;
  /** Close a case with its outcome (结案): the case's mediator or an admin of its place (FORBIDDEN otherwise). Refused: CONFLICT WRONG_STATE (closed already), OUTCOME_NEEDS_AGREEMENT (performed needs an agreed case); NOT_FOUND for a case you may not read. */
  closeCase: MediationCase;
  /** The county's honour settings: its admin or the city's. */
  configureHonours: HonourConfig;
  /** The resident who posted it confirms the steward's work with 1–5 stars: the steward's points, and for five stars a bonus and a voucher. */
  confirmMicroWish: MicroWish;
  /** The merchant's contact person or an admin of its region confirms a code once (then CONFLICT WRONG_STATE). */
  confirmRedemption: Redemption;
  /** City admins only. */
  createGridLayer: GridLayer;
  /** A grid of a layer other than the comprehensive one (whose grids are regions). */
  createLayerGrid: LayerGrid;
  /** Admins (community, street, county, city) of the region or above create an organisation serving it (FORBIDDEN otherwise). Refused: VALIDATION for a region that is not a grid, community, street or county node, or a kind at the wrong level (the one-stop centre serves a county, every other kind a grid, community or street); NOT_FOUND for a region outside yours. */
  createMediationOrganisation: MediationOrganisation;
  /** Admins of the region (or above) only. */
  createMerchant: Merchant;
  /** Admins of the node: a party organisation whose kind fits the node, under the organisation of the level above. */
  createPartyOrg: PartyOrg;
  /** Admins of the node only. */
  createPlace: Place;
  /** Open a proposal for an area: its grid workers and admins, or a resident whose household lies in it (FORBIDDEN otherwise). Refused: VALIDATION for a region above community level, voting ending in the past or before the discussion, or a question without 2–6 options. */
  createProposal: Proposal;
  /** Admins of the parent region (or above) only; a city needs a city admin. */
  createRegion: Region;
  /** Admins of the merchant's region (or above) only. */
  createRewardItem: RewardItem;
  createUnit: Unit;
  /** Registers a webhook for a county (its admins) or the city (the city admin); the answer carries the signing secret, shown only here. Refused: VALIDATION UNKNOWN_EVENT_TYPE (a type not in the catalogue, nor gov.<service>.* of a known service), INSECURE_URL (not https), NOT_A_COUNTY (the region is not a county or the city); NOT_FOUND for a region outside yours. */
  createWebhook: WebhookWithSecret;
  /** Another admin of the region approves (the points move) or rejects; never the requester. */
  decidePointsAdjustment: PointsAdjustment;
  /** Removes a webhook with its delivery log; nothing more is sent to it. Admins of the webhook's county, or the city's, only (FORBIDDEN otherwise); NOT_FOUND UNKNOWN_WEBHOOK for a webhook that is missing or another county's. */
  deleteWebhook: DeletedWebhook;
  /** Draft the agreement's next version: the case's mediator or an admin of its place (FORBIDDEN otherwise); parties must accept the new version. Refused: CONFLICT WRONG_STATE (not assigned or mediating); VALIDATION UNKNOWN_TEMPLATE, or an instalment due after the performance deadline; NOT_FOUND for a case that is missing or another county's. */
  draftAgreement: MediationAgreement;
  /** Admins of a county or street draw winners among the held vouchers issued there. */
  drawLottery: LotteryDraw;
  /** Enrolled stewards: a duty check-in at an office or party-mass centre of your home community, within its radius (50 m unless set), once a day. Answers the year's tally. */
  dutyCheckIn: DutySummary;
  /** Ends a duty; the person leaves the team. */
  endGridStaff: GridStaff;
  enrollSteward: Steward;
  /** Enter a household's paper ballot: the head of its building (楼栋长, a class-6 steward living there) or grid staff of its region; who entered it, when and the note are kept. Refused: FORBIDDEN NOT_BUILDING_HEAD; VALIDATION NOT_A_HOUSEHOLD_IN_AREA, ANSWER_MISMATCH; CONFLICT VOTING_NOT_OPEN, VOTING_CLOSED, HOUSEHOLD_ALREADY_VOTED; NOT_FOUND for a proposal you may not read. */
  enterPaperBallot: Ballot;
  /** Pass an open case up one level (grid → community → street → county centre), where it waits for a new mediator: the case's mediator or an admin of its place (FORBIDDEN otherwise). Refused: CONFLICT WRONG_STATE (agreed or closed), TOP_LEVEL (at the county centre: refer or close it); NOT_FOUND for a case you may not read. */
  escalateCase: MediationCase;
  grantRole: RoleGrant;
  /** Bulk import of regions (and households) from GeoJSON: validated first, written in one transaction only without errors. County admins (or above) on every path. */
  importRegions: ImportReport;
  /** Issue an Open311 key for an integrator of the county (its county admins, or the city's; FORBIDDEN otherwise). The answer holds the key once: keep it, it cannot be shown again. */
  issueOpen311Key: Open311Key;
  /** Links a party-member central head living on the group's node to a building or village-group party group (党员中心户). */
  linkCentralHeadToParty: PartyOrg;
  /** Links households of the head's community to the head (十户一联). */
  linkToCentralHead: CentralHead;
  /** Sign in with a username or mobile number and password. Repeated failures are refused for a while (UNAUTHENTICATED, reason TOO_MANY_ATTEMPTS, retryAfterSeconds). */
  login: TokenPayload;
  /** End the login the refresh token belongs to. */
  logout: Scalars['Boolean']['output'];
  moveHousehold: Household;
  /** Re-parents a node; every path below it follows. */
  moveRegion: Region;
  /** Open a case (受理): grid workers, mediators and admins of the region or above (FORBIDDEN otherwise); a criminal risk alerts the police grid at once. Refused: VALIDATION SOURCE_NEEDED (the petition, meeting or court reference its source needs), MEDIATOR_WRONG_LEVEL (a level below the place), parties without an applicant and a respondent, a malformed phone or ID number; CONFLICT PETITION_ALREADY_OPENED (a case is open for that petition); NOT_FOUND for a source meeting that is missing or another county's. */
  openCase: MediationCase;
  /** Post a micro-wish (anyone with a role on the region, residents included); stewards take it as a task. */
  postMicroWish: MicroWish;
  /** Stewards, grid workers and admins of the region; emergencies only grid workers and admins. */
  publishTask: Task;
  /** The submitter rates the result (1–5): 3 or more closes the petition, less reopens it under supervision. No sign-in needed with the tracking code and submitter key (a token that is sent must be valid); with id, sign in as the submitter. Refused: FORBIDDEN NOT_THE_SUBMITTER (a wrong key, or not your petition); CONFLICT ALREADY_RATED, WRONG_STATE (not resolved); NOT_FOUND; VALIDATION without id or tracking code and key. */
  ratePetition: PublicPetition;
  /** The publisher rates a verified completion, once; five stars add a bonus and a lottery voucher. */
  rateTask: TaskClaim;
  /** Record a decision of a held meeting; what it asks for is published for tasks, petitions or mediation to act on, and list_item files an item at once: grid workers, mediators and admins of its place or above (FORBIDDEN otherwise). Refused: CONFLICT MEETING_NOT_HELD; VALIDATION UNKNOWN_AGENDA_ITEM, or list_item without a list; NOT_FOUND. */
  recordDecision: MeetingDecision;
  /** Record a follow-up once: the visit made, or what was paid of an instalment. The case's mediator or an admin of its place (FORBIDDEN otherwise). Refused: CONFLICT ALREADY_RECORDED; NOT_FOUND UNKNOWN_FOLLOW_UP (missing or another county’s). */
  recordFollowUp: MediationFollowUp;
  /** Record the court's ruling on the application: the case's mediator or an admin of its place (FORBIDDEN otherwise). A rejection is followed by closing the case as referred. Refused: CONFLICT CONFIRMATION_NOT_REQUESTED, WRONG_STATE; VALIDATION for a ruling dated in the future; NOT_FOUND for a case you may not read. */
  recordJudicialConfirmation: MediationCase;
  /** Record who attended and the minutes, once (the meeting is then held): grid workers, mediators and admins of its place or above (FORBIDDEN otherwise). Refused: CONFLICT ALREADY_RECORDED; NOT_FOUND. */
  recordMinutes: MediationMeeting;
  /** Record a scheduled session once: held with who attended and notes, or not held. The case's mediator or an admin of its place (FORBIDDEN otherwise). Refused: CONFLICT ALREADY_RECORDED; VALIDATION UNKNOWN_PARTY (an attendee who is not a party of the case); NOT_FOUND UNKNOWN_SESSION (missing or another county’s). */
  recordSession: MediationSession;
  /** Enrolled stewards redeem points for a reward of their county; CONFLICT INSUFFICIENT_POINTS or OUT_OF_STOCK changes nothing. */
  redeem: Redemption;
  /** Exchange a refresh token (once) for a new pair. Reusing one ends the whole login. */
  refreshToken: TokenPayload;
  /** Admins of the region, or its grid worker. */
  registerHousehold: Household;
  registerPerson: Person;
  /** A community, street, county or city admin sends a resolved or closed petition back to its handlers (督办) (FORBIDDEN otherwise). Refused: CONFLICT WRONG_STATE; NOT_FOUND. */
  reopenPetition: Petition;
  /** Sends every dead delivery of a webhook again; answers how many. Admins of the webhook's county, or the city's, only (FORBIDDEN otherwise); NOT_FOUND UNKNOWN_WEBHOOK for a webhook that is missing or another county's. */
  replayDeadWebhookDeliveries: Scalars['Int']['output'];
  /** Sends a dead (or delivered) delivery again, from its first try. CONFLICT STILL_PENDING while it is being tried; NOT_FOUND UNKNOWN_DELIVERY for one that is missing or another county's. Admins of the webhook's county, or the city's, only (FORBIDDEN otherwise); NOT_FOUND UNKNOWN_WEBHOOK for a webhook that is missing or another county's. */
  replayWebhookDelivery: WebhookDelivery;
  /** Record the parties' joint application for judicial confirmation, within 30 days of the agreement taking effect: a party, the case's mediator or an admin of its place (FORBIDDEN otherwise). Refused: CONFLICT WRONG_STATE (no agreement in effect), ALREADY_REQUESTED, CONFIRMATION_DEADLINE_PASSED; NOT_FOUND for a case you may not read. */
  requestJudicialConfirmation: MediationCase;
  /** Admins of the steward's region ask for a correction with a reason; nothing moves until another admin approves. */
  requestPointsAdjustment: PointsAdjustment;
  /** A handler at its level resolves (办结) an accepted or in-progress petition, and with it every petition merged into its cluster (FORBIDDEN otherwise). Refused: CONFLICT WRONG_STATE; VALIDATION ATTACHMENT_MISSING, ATTACHMENT_NOT_IMAGE, ATTACHMENT_TOO_LARGE; NOT_FOUND. */
  resolvePetition: Petition;
  /** Adds stock, or puts the item on or off the shelf; admins of the merchant's region only. */
  restockRewardItem: RewardItem;
  /** Stop an Open311 key at once. NOT_FOUND when missing or another county's, alike; CONFLICT WRONG_STATE when revoked already. */
  revokeOpen311Key: Open311Key;
  revokeRole: RoleGrant;
  /** A new version of the building's code; the old one is refused from now on (QR_REVOKED). */
  rotateBuildingQr: BuildingQr;
  /** Replaces the signing secret; the new one is shown only here, and signs every try from now on. Admins of the webhook's county, or the city's, only (FORBIDDEN otherwise); NOT_FOUND UNKNOWN_WEBHOOK for a webhook that is missing or another county's. */
  rotateWebhookSecret: WebhookWithSecret;
  /** Schedule another follow-up (a visit or an instalment to check) of an agreed case: the case's mediator or an admin of its place (FORBIDDEN otherwise). Those of the agreement are scheduled when it takes effect. Refused: CONFLICT WRONG_STATE (not agreed); VALIDATION for a payment without amountFen, or a day that does not exist; NOT_FOUND for a case you may not read. */
  scheduleFollowUp: MediationFollowUp;
  /** Schedule a meeting of a community or grid: grid workers, mediators and admins of its place or above (FORBIDDEN otherwise). Refused: VALIDATION for a region above community level. */
  scheduleMeeting: MediationMeeting;
  /** Schedule a session of an assigned or mediating case (it becomes mediating): the case's mediator or an admin of its place (FORBIDDEN otherwise). Refused: CONFLICT WRONG_STATE (not assigned or mediating); VALIDATION SESSION_IN_PAST, ONLINE_NEEDS_LINK, or in person without a place; NOT_FOUND for a case that is missing or another county's. */
  scheduleSession: MediationSession;
  /** Screen (甄别) a submitted petition: grid workers and admins of its region (FORBIDDEN otherwise). Refused: CONFLICT WRONG_STATE, DUPLICATE_TARGET_CLOSED; VALIDATION DUPLICATE_OF_ITSELF, or a duplicate without duplicateOf; NOT_FOUND for a petition (or duplicateOf) that is missing or another county’s. */
  screenPetition: Petition;
  /** Switches a webhook on or off; while off nothing is sent and its deliveries wait. Admins of the webhook's county, or the city's, only (FORBIDDEN otherwise); NOT_FOUND UNKNOWN_WEBHOOK for a webhook that is missing or another county's. */
  setWebhookActive: Webhook;
  /** Its handler or a supervisor hands a petition being handled on as a volunteer task or a mediation case (FORBIDDEN otherwise); taskId or mediationCaseId is set once the other service has made it. Refused: CONFLICT WRONG_STATE, ALREADY_LINKED; NOT_FOUND. */
  spawnFromPetition: Petition;
  /** A handler at its level starts work on an accepted petition (FORBIDDEN otherwise). Refused: CONFLICT WRONG_STATE; NOT_FOUND. */
  startPetition: Petition;
  /** File a petition. qr and photo need no sign-in; hotline, door_knock and mailbox are typed in by staff of the region (FORBIDDEN CHANNEL_NEEDS_STAFF), sentinel and steward_app by enrolled stewards in their community (FORBIDDEN NOT_A_SENTINEL). Refused: UNAUTHENTICATED CHANNEL_NEEDS_SIGN_IN (or the token’s own error); VALIDATION UNKNOWN_CATEGORY, CATEGORY_RETIRED, ANONYMOUS_NOT_ALLOWED, CONTACT_NEEDED, NOT_SIX_PREVENTIONS, NO_PLACE, OUTSIDE_TERRITORY, ATTACHMENT_MISSING, ATTACHMENT_NOT_IMAGE, ATTACHMENT_TOO_LARGE; the QR code’s refusals (QR_MALFORMED, QR_FORGED, QR_REVOKED); NOT_FOUND for a region outside yours. */
  submitPetition: SubmittedPetition;
  /** Hand in the work with a note and photo references, once. */
  submitTask: TaskClaim;
  /** City admins only (FORBIDDEN otherwise): a new version of a minor category; petitions filed before keep the version they were filed under. Refused: VALIDATION UNKNOWN_CATEGORY, or a value out of range. */
  updateCategory: Category;
  /** Complete or correct a party until an agreement is drafted: the case's mediator or an admin of its place (FORBIDDEN otherwise). Fields left out keep their value. Refused: CONFLICT WRONG_STATE (closed, agreed, or an agreement drafted); NOT_FOUND UNKNOWN_PARTY; NOT_FOUND for a case that is missing or another county's. */
  updateMediationParty: MediationCase;
  /** Admins of the organisation's region or above change a mediator's specialities, availability or capacity (FORBIDDEN otherwise). Refused: NOT_FOUND UNKNOWN_MEDIATOR (missing or another county's). */
  updateMediator: Mediator;
  updateRegion: Region;
  updateSteward: Steward;
  /** Add an item to a community's list, or change one: grid workers, mediators and admins of its place or above (FORBIDDEN otherwise). Refused: VALIDATION for a new item without community, list or title, a path that is not a community, or a changed community or list; NOT_FOUND for an item that is missing or another county's. */
  upsertCommitteeItem: CommitteeItem;
  /** Approve (posts the points) or reject with a reason. Not your own work, nor that of someone who reports to you. */
  verifyTask: TaskClaim;
  /** Give your place back before submitting. */
  withdrawClaim: TaskClaim;
};


export type MutationAcceptAgreementArgs = {
  input: AcceptAgreementInput;
};


export type MutationAcceptPetitionArgs = {
  input: PetitionActionInput;
};


export type MutationAcknowledgeWhistleArgs = {
  input: AcknowledgeWhistleInput;
};


export type MutationAddAgendaItemArgs = {
  input: AddAgendaItemInput;
};


export type MutationAddHouseholdMemberArgs = {
  input: AddHouseholdMemberInput;
};


export type MutationAddMediatorArgs = {
  input: AddMediatorInput;
};


export type MutationAppointCentralHeadArgs = {
  input: AppointCentralHeadInput;
};


export type MutationArchiveRegionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationAssignGridStaffArgs = {
  input: AssignGridStaffInput;
};


export type MutationAssignMediatorArgs = {
  input: AssignMediatorInput;
};


export type MutationAssignPetitionArgs = {
  input: AssignPetitionInput;
};


export type MutationBlowWhistleArgs = {
  input: BlowWhistleInput;
};


export type MutationCancelTaskArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationCastVoteArgs = {
  input: CastVoteInput;
};


export type MutationCheckInArgs = {
  location: LatLngInput;
  taskId: Scalars['ID']['input'];
};


export type MutationClaimTaskArgs = {
  taskId: Scalars['ID']['input'];
};


export type MutationCloseCaseArgs = {
  input: CloseCaseInput;
};


export type MutationConfigureHonoursArgs = {
  input: ConfigureHonoursInput;
};


export type MutationConfirmMicroWishArgs = {
  id: Scalars['ID']['input'];
  stars: Scalars['Int']['input'];
};


export type MutationConfirmRedemptionArgs = {
  code: Scalars['String']['input'];
};


export type MutationCreateGridLayerArgs = {
  input: CreateGridLayerInput;
};


export type MutationCreateLayerGridArgs = {
  input: CreateLayerGridInput;
};


export type MutationCreateMediationOrganisationArgs = {
  input: CreateMediationOrganisationInput;
};


export type MutationCreateMerchantArgs = {
  input: CreateMerchantInput;
};


export type MutationCreatePartyOrgArgs = {
  input: CreatePartyOrgInput;
};


export type MutationCreatePlaceArgs = {
  input: CreatePlaceInput;
};


export type MutationCreateProposalArgs = {
  input: CreateProposalInput;
};


export type MutationCreateRegionArgs = {
  input: CreateRegionInput;
};


export type MutationCreateRewardItemArgs = {
  input: CreateRewardItemInput;
};


export type MutationCreateUnitArgs = {
  input: CreateUnitInput;
};


export type MutationCreateWebhookArgs = {
  input: CreateWebhookInput;
};


export type MutationDecidePointsAdjustmentArgs = {
  approve: Scalars['Boolean']['input'];
  id: Scalars['ID']['input'];
};


export type MutationDeleteWebhookArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDraftAgreementArgs = {
  input: DraftAgreementInput;
};


export type MutationDrawLotteryArgs = {
  input: DrawLotteryInput;
};


export type MutationDutyCheckInArgs = {
  location: LatLngInput;
  placeId: Scalars['ID']['input'];
};


export type MutationEndGridStaffArgs = {
  id: Scalars['ID']['input'];
};


export type MutationEnrollStewardArgs = {
  input: EnrollStewardInput;
};


export type MutationEnterPaperBallotArgs = {
  input: PaperBallotInput;
};


export type MutationEscalateCaseArgs = {
  input: EscalateCaseInput;
};


export type MutationGrantRoleArgs = {
  input: GrantRoleInput;
};


export type MutationImportRegionsArgs = {
  input: ImportRegionsInput;
};


export type MutationIssueOpen311KeyArgs = {
  county: Scalars['String']['input'];
  label: Scalars['String']['input'];
};


export type MutationLinkCentralHeadToPartyArgs = {
  centralHeadId: Scalars['ID']['input'];
  partyOrgId: Scalars['ID']['input'];
};


export type MutationLinkToCentralHeadArgs = {
  input: LinkToCentralHeadInput;
};


export type MutationLoginArgs = {
  login: Scalars['String']['input'];
  password: Scalars['String']['input'];
};


export type MutationLogoutArgs = {
  refreshToken: Scalars['String']['input'];
};


export type MutationMoveHouseholdArgs = {
  input: MoveHouseholdInput;
};


export type MutationMoveRegionArgs = {
  id: Scalars['ID']['input'];
  newParentId: Scalars['ID']['input'];
};


export type MutationOpenCaseArgs = {
  input: OpenCaseInput;
};


export type MutationPostMicroWishArgs = {
  input: PostMicroWishInput;
};


export type MutationPublishTaskArgs = {
  input: PublishTaskInput;
};


export type MutationRatePetitionArgs = {
  input: RatePetitionInput;
};


export type MutationRateTaskArgs = {
  claimId: Scalars['ID']['input'];
  stars: Scalars['Int']['input'];
};


export type MutationRecordDecisionArgs = {
  input: RecordDecisionInput;
};


export type MutationRecordFollowUpArgs = {
  input: RecordFollowUpInput;
};


export type MutationRecordJudicialConfirmationArgs = {
  input: RecordJudicialConfirmationInput;
};


export type MutationRecordMinutesArgs = {
  input: RecordMinutesInput;
};


export type MutationRecordSessionArgs = {
  input: RecordSessionInput;
};


export type MutationRedeemArgs = {
  itemId: Scalars['ID']['input'];
  quantity?: InputMaybe<Scalars['Int']['input']>;
};


export type MutationRefreshTokenArgs = {
  refreshToken: Scalars['String']['input'];
};


export type MutationRegisterHouseholdArgs = {
  input: RegisterHouseholdInput;
};


export type MutationRegisterPersonArgs = {
  input: RegisterPersonInput;
};


export type MutationReopenPetitionArgs = {
  input: ReopenPetitionInput;
};


export type MutationReplayDeadWebhookDeliveriesArgs = {
  webhookId: Scalars['ID']['input'];
};


export type MutationReplayWebhookDeliveryArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRequestJudicialConfirmationArgs = {
  input: RequestJudicialConfirmationInput;
};


export type MutationRequestPointsAdjustmentArgs = {
  input: RequestAdjustmentInput;
};


export type MutationResolvePetitionArgs = {
  input: ResolvePetitionInput;
};


export type MutationRestockRewardItemArgs = {
  input: RestockRewardItemInput;
};


export type MutationRevokeOpen311KeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRevokeRoleArgs = {
  grantId: Scalars['ID']['input'];
};


export type MutationRotateBuildingQrArgs = {
  buildingId: Scalars['ID']['input'];
};


export type MutationRotateWebhookSecretArgs = {
  id: Scalars['ID']['input'];
};


export type MutationScheduleFollowUpArgs = {
  input: ScheduleFollowUpInput;
};


export type MutationScheduleMeetingArgs = {
  input: ScheduleMeetingInput;
};


export type MutationScheduleSessionArgs = {
  input: ScheduleSessionInput;
};


export type MutationScreenPetitionArgs = {
  input: ScreenPetitionInput;
};


export type MutationSetWebhookActiveArgs = {
  active: Scalars['Boolean']['input'];
  id: Scalars['ID']['input'];
};


export type MutationSpawnFromPetitionArgs = {
  input: SpawnFromPetitionInput;
};


export type MutationStartPetitionArgs = {
  input: PetitionActionInput;
};


export type MutationSubmitPetitionArgs = {
  input: SubmitPetitionInput;
};


export type MutationSubmitTaskArgs = {
  note: Scalars['String']['input'];
  photos?: InputMaybe<Array<Scalars['String']['input']>>;
  taskId: Scalars['ID']['input'];
};


export type MutationUpdateCategoryArgs = {
  input: UpdateCategoryInput;
};


export type MutationUpdateMediationPartyArgs = {
  input: UpdateMediationPartyInput;
};


export type MutationUpdateMediatorArgs = {
  input: UpdateMediatorInput;
};


export type MutationUpdateRegionArgs = {
  input: UpdateRegionInput;
};


export type MutationUpdateStewardArgs = {
  input: UpdateStewardInput;
};


export type MutationUpsertCommitteeItemArgs = {
  input: UpsertCommitteeItemInput;
};


export type MutationVerifyTaskArgs = {
  approve: Scalars['Boolean']['input'];
  claimId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationWithdrawClaimArgs = {
  taskId: Scalars['ID']['input'];
};

/** Where you (a steward) stand in a ranking. */
export type MyRank = {
  __typename?: 'MyRank';
  /** Your number class (CLASS). */
  class?: Maybe<Scalars['Int']['output']>;
  number: Scalars['String']['output'];
  period: Scalars['String']['output'];
  points: Scalars['Int']['output'];
  /** Null while you have earned nothing in the period. */
  rank?: Maybe<Scalars['Int']['output']>;
  /** The community (COMMUNITY), the county or community (CLASS). */
  region?: Maybe<Scalars['String']['output']>;
  scope: RankingScope;
  stewardId: Scalars['ID']['output'];
  /** Your unit (UNIT). */
  unitId?: Maybe<Scalars['ID']['output']>;
};

/** A resolved petition published to the residents of its building and compound (结果公示). */
export type Notice = {
  __typename?: 'Notice';
  categoryNameZh: Scalars['String']['output'];
  rating?: Maybe<Scalars['Int']['output']>;
  resolvedAt: Scalars['String']['output'];
  result: Scalars['String']['output'];
  title: Scalars['String']['output'];
  trackingCode: Scalars['String']['output'];
};

/** An integrator's key for the Open311 GeoReport v2 endpoint (/open311/v2): it answers for its county only. Only its hash is stored; the key itself is shown once, when issued. */
export type Open311Key = {
  __typename?: 'Open311Key';
  /** The county it answers for, e.g. jingmen/dongbao. */
  county: Scalars['String']['output'];
  createdAt: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** The key (the integrator's api_key): in issueOpen311Key's answer only, null everywhere else. */
  key?: Maybe<Scalars['String']['output']>;
  /** Who holds it, e.g. 12345 热线平台. */
  label: Scalars['String']['output'];
  /** When it stopped working; null while it works. */
  revokedAt?: Maybe<Scalars['String']['output']>;
};

export type OpenCaseInput = {
  /** Amount in dispute. In fen (分, 1/100 yuan): a whole number up to 10^13, typed Float because it can exceed a 32-bit Int. Leave out when not about money. */
  amountFen?: InputMaybe<Scalars['Float']['input']>;
  category: DisputeCategory;
  /** Required for source court_referral: the court's referral number. */
  courtReference?: InputMaybe<Scalars['String']['input']>;
  /** 民转刑: the dispute may turn violent — alerts the police grid at once. Default false. */
  criminalRisk?: InputMaybe<Scalars['Boolean']['input']>;
  /** What happened, 1–4000 characters. */
  facts: Scalars['String']['input'];
  /** Default: the level of the region's node (grid for a grid path); never below it. */
  level?: InputMaybe<MediationLevel>;
  /** 2–10 parties, at least one applicant and one respondent. */
  parties: Array<MediationPartyInput>;
  /** The grid or community where the dispute is. */
  region: Scalars['String']['input'];
  /** Default low. */
  risk?: InputMaybe<MediationRiskLevel>;
  source: MediationCaseSource;
  /** Required for source deliberation. */
  sourceMeetingId?: InputMaybe<Scalars['ID']['input']>;
  /** Required for source petition. */
  sourcePetitionId?: InputMaybe<Scalars['ID']['input']>;
  /** 1–60 characters. */
  title: Scalars['String']['input'];
};

/** An open petition past its deadline (超期未办结). */
export type OverduePetition = {
  __typename?: 'OverduePetition';
  categoryNameZh: Scalars['String']['output'];
  deadline: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** Where it is handled now; null before it is assigned. */
  level?: Maybe<Level>;
  /** Days since the deadline, a started day counting as one. */
  overdueDays: Scalars['Int']['output'];
  /** The grid (or community) it belongs to. */
  region: Scalars['String']['output'];
  title: Scalars['String']['output'];
  trackingCode: Scalars['String']['output'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type PaperBallotInput = {
  /** One answer per question, in order: the chosen option's index, as marked on the paper ballot. */
  answers: Array<Scalars['Int']['input']>;
  /** A household of the proposal's area (grids' household id). */
  householdId: Scalars['ID']['input'];
  /** At most 200 characters, kept with the ballot (e.g. who signed it). */
  note?: InputMaybe<Scalars['String']['input']>;
  proposalId: Scalars['ID']['input'];
};

/** A party organisation (党组织) on a node of the region tree; seen by whoever sees the node. */
export type PartyOrg = {
  __typename?: 'PartyOrg';
  /** Its party-member central households (党员中心户): the central heads linked to it (building and village-group party groups). */
  centralHeadIds: Array<Scalars['ID']['output']>;
  createdAt: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  kind: PartyOrgKind;
  name: Scalars['String']['output'];
  /** The organisation of the level above (null for a community or village organisation). */
  parentId?: Maybe<Scalars['ID']['output']>;
  /** The node's path. */
  region: Scalars['String']['output'];
  /** The node it sits on. */
  regionId: Scalars['ID']['output'];
  /** Identity's person id of the secretary. */
  secretaryPersonId?: Maybe<Scalars['ID']['output']>;
};

/** community_org (社区党组织, on a community) → compound_branch (小区党支部, on a compound) → building_group (楼栋党小组, on a building); village_org (村党组织, on a village) → village_group (村民小组党小组, on a village group). */
export type PartyOrgKind =
  | 'building_group'
  | 'community_org'
  | 'compound_branch'
  | 'village_group'
  | 'village_org';

/** A person. Phone and ID number are masked unless unmasked by a permitted admin (audited). */
export type Person = {
  __typename?: 'Person';
  createdAt: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  idCardNumber: Scalars['String']['output'];
  masked: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  phone: Scalars['String']['output'];
  region: Scalars['String']['output'];
};

/** A petition (诉求) as staff of its region see it: the submitter's contact masked (petitionContact unmasks it, audited). */
export type Petition = {
  __typename?: 'Petition';
  anonymous: Scalars['Boolean']['output'];
  assignee?: Maybe<Assignee>;
  attachments: Array<Attachment>;
  buildingId?: Maybe<Scalars['ID']['output']>;
  buildingName?: Maybe<Scalars['String']['output']>;
  /** Minor category key, e.g. municipal.streetlight. */
  category: Scalars['String']['output'];
  categoryNameZh: Scalars['String']['output'];
  /** The category version it was filed under (its name, time limit and handler). */
  categoryVersion: Scalars['Int']['output'];
  channel: Channel;
  closedAt?: Maybe<Scalars['String']['output']>;
  clusterId?: Maybe<Scalars['ID']['output']>;
  /** Petitions in its cluster of duplicates. */
  clusterSize: Scalars['Int']['output'];
  /** e.g. 张** 138****5678; null when anonymous. */
  contactMasked?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['String']['output'];
  /** When the category's time limit runs out. */
  deadline: Scalars['String']['output'];
  description: Scalars['String']['output'];
  /** The petition it was merged into (see duplicateOfPetition). */
  duplicateOf?: Maybe<Scalars['ID']['output']>;
  /** Times it was passed up a level because a clock ran out. */
  escalations: Scalars['Int']['output'];
  /** Photos of the result, from the handler. */
  evidence: Array<Attachment>;
  id: Scalars['ID']['output'];
  /** When the current level's clock runs out. */
  levelDeadline?: Maybe<Scalars['String']['output']>;
  location?: Maybe<LatLng>;
  /** Major category key. */
  majorCategory: Scalars['String']['output'];
  /** The mediation case made of it (spawnFromPetition). */
  mediationCaseId?: Maybe<Scalars['ID']['output']>;
  overdue: Scalars['Boolean']['output'];
  /** 1 (low) – 3 (urgent). */
  priority: Scalars['Int']['output'];
  /** 1–5 from the submitter. */
  rating?: Maybe<Scalars['Int']['output']>;
  ratingComment?: Maybe<Scalars['String']['output']>;
  /** The grid (or community) the petition belongs to. */
  region: Scalars['String']['output'];
  reopenCount: Scalars['Int']['output'];
  resolvedAt?: Maybe<Scalars['String']['output']>;
  result?: Maybe<Scalars['String']['output']>;
  sixPrevention?: Maybe<SixPrevention>;
  state: PetitionState;
  /** The account that submitted it; null when filed without one (QR, photo, Open311). */
  submittedBy?: Maybe<Scalars['ID']['output']>;
  /** Under supervision (督办): reopened, or a department was summoned. */
  supervised: Scalars['Boolean']['output'];
  /** The task the tasks service made of it (spawnFromPetition). */
  taskId?: Maybe<Scalars['ID']['output']>;
  title: Scalars['String']['output'];
  /** What the submitter follows it by, e.g. ABCD-EFGH-JKLM. */
  trackingCode: Scalars['String']['output'];
  updatedAt: Scalars['String']['output'];
};

export type PetitionActionInput = {
  id: Scalars['ID']['input'];
  /** At most 500 characters; kept in the timeline. */
  note?: InputMaybe<Scalars['String']['input']>;
};

export type PetitionConnection = {
  __typename?: 'PetitionConnection';
  items: Array<Petition>;
  pageInfo: PageInfo;
};

/** submitted → screened → assigned → accepted → in_progress → resolved → closed (发现—甄别—交办—办理—督办—评价). Screening may end it instead: merged (a duplicate), invalid, not_responsible, referred. */
export type PetitionState =
  | 'accepted'
  | 'assigned'
  | 'closed'
  | 'in_progress'
  | 'invalid'
  | 'merged'
  | 'not_responsible'
  | 'referred'
  | 'resolved'
  | 'screened'
  | 'submitted';

/** Live statistics (统计) of a region subtree over [from, to). Rates are shares from 0 to 1 (4 decimals), null when nothing is counted; docs/petition-stats.md gives every formula. */
export type PetitionStats = {
  __typename?: 'PetitionStats';
  /** Of those closed in the period, mean days from submission to resolution. */
  averageHandlingDays?: Maybe<Scalars['Float']['output']>;
  /** Mean rating (1–5) of those rated in the period. */
  averageRating?: Maybe<Scalars['Float']['output']>;
  /** Submitted in the period per major category (大类), most first. */
  byCategory: Array<CountByKey>;
  /** Submitted in the period per intake channel, most first. */
  byChannel: Array<CountByKey>;
  /** Closed in the period (办结量). */
  closed: Scalars['Int']['output'];
  departments: Array<DepartmentRank>;
  /** Submitted in the period and escalated at least once. */
  escalated: Scalars['Int']['output'];
  from: Scalars['String']['output'];
  /** Submitted in the period (受理量). */
  intake: Scalars['Int']['output'];
  /** Of those closed in the period, resolved by their deadline (按期办结率). */
  onTimeClosureRate?: Maybe<Scalars['Float']['output']>;
  /** Open now and past the deadline, whenever submitted. */
  overdueOpen: Scalars['Int']['output'];
  region: Scalars['String']['output'];
  /** Of those submitted in the period and screened valid, resolved or closed (解决率). */
  resolutionRate?: Maybe<Scalars['Float']['output']>;
  /** Of those submitted in the period and due a response, screened within 24 h (响应率). */
  responseRate?: Maybe<Scalars['Float']['output']>;
  /** Of those rated in the period, rated 4 or 5 (满意率). */
  satisfactionRate?: Maybe<Scalars['Float']['output']>;
  to: Scalars['String']['output'];
  /** Whistles blown in the period by communities of the region (吹哨). */
  whistles: Scalars['Int']['output'];
  /** Of those, reported after the limit, or past it and not yet. */
  whistlesLate: Scalars['Int']['output'];
};

/** A place on the map, in a node of the region tree. */
export type Place = {
  __typename?: 'Place';
  contactPhone?: Maybe<Scalars['String']['output']>;
  /** The nodes it covers. */
  covers: Array<Scalars['ID']['output']>;
  createdAt: Scalars['String']['output'];
  /** Metres from the `near` point of the search. */
  distanceM?: Maybe<Scalars['Float']['output']>;
  id: Scalars['ID']['output'];
  kind: PlaceKind;
  location: LatLng;
  name: Scalars['String']['output'];
  openingHours?: Maybe<Scalars['String']['output']>;
  /** The node's region path. */
  region: Scalars['String']['output'];
  /** The node it sits in. */
  regionId: Scalars['ID']['output'];
};

/** sentinel_post 哨点, steward_studio 红管家工作室, steward_station 红管家驿站, market 市场, back_street 背街小巷, party_mass_centre 党群服务中心, office 社区/村办公室 (geocoded, for check-ins). */
export type PlaceKind =
  | 'back_street'
  | 'market'
  | 'office'
  | 'party_mass_centre'
  | 'sentinel_post'
  | 'steward_station'
  | 'steward_studio';

export type PlaceNearInput = {
  lat: Scalars['Float']['input'];
  lng: Scalars['Float']['input'];
  /** At most 5000 m. */
  radiusM: Scalars['Float']['input'];
};

/** A steward’s points (积分): balance, this year’s earnings against the 1,000-point load, today against the daily cap. */
export type Points = {
  __typename?: 'Points';
  annualTarget: Scalars['Int']['output'];
  balance: Scalars['Int']['output'];
  dailyCap: Scalars['Int']['output'];
  stewardId: Scalars['ID']['output'];
  todayEarned: Scalars['Int']['output'];
  yearEarned: Scalars['Int']['output'];
};

/** A manual adjustment (人工调整): requested by one admin, decided by another. */
export type PointsAdjustment = {
  __typename?: 'PointsAdjustment';
  amount: Scalars['Int']['output'];
  decidedAt?: Maybe<Scalars['String']['output']>;
  decidedBy?: Maybe<Scalars['ID']['output']>;
  id: Scalars['ID']['output'];
  reason: Scalars['String']['output'];
  requestedAt: Scalars['String']['output'];
  requestedBy: Scalars['ID']['output'];
  status: PointsAdjustmentStatus;
  stewardId: Scalars['ID']['output'];
};

/** pending (waiting for a second admin), approved (posted), rejected. */
export type PointsAdjustmentStatus =
  | 'approved'
  | 'pending'
  | 'rejected';

/** What moved the points: each ledger transaction has exactly one source. */
export type PointsSource =
  | 'manual_adjustment'
  | 'rating_bonus'
  | 'redemption'
  | 'redemption_refund'
  | 'task_completion';

export type PostMicroWishInput = {
  category: MicroWishCategory;
  /** At most 2000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  location: LatLngInput;
  /** A grid, compound or building path you hold a role on (the building's QR code names it). */
  region: Scalars['String']['input'];
  /** 1–100 characters. */
  title: Scalars['String']['input'];
};

/** A residents' proposal (居民提案): discussed, then voted on by the households of its area, one ballot per household. */
export type Proposal = {
  __typename?: 'Proposal';
  body: Scalars['String']['output'];
  createdAt: Scalars['String']['output'];
  /** The account that opened it (staff of the area, or a resident living there). */
  createdBy: Scalars['ID']['output'];
  /** Voting opens then. */
  discussionEndsAt: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  questions: Array<ProposalQuestion>;
  /** Share of the area's households that must vote, 0–1. */
  quorum: Scalars['Float']['output'];
  /** The affected area (a community, grid, compound or building): its households vote. */
  region: Scalars['String']['output'];
  /** The deliberation meeting's decision (议事会决定) that put it to the vote; null when a person opened it. */
  sourceDecisionId?: Maybe<Scalars['ID']['output']>;
  state: ProposalState;
  title: Scalars['String']['output'];
  /** Voting closes then; the proposal is decided shortly after. */
  votingEndsAt: Scalars['String']['output'];
};

/** One question of a ballot. */
export type ProposalQuestion = {
  __typename?: 'ProposalQuestion';
  /** The options, in order; the first is the one the threshold counts (agree, or the proposed choice). */
  options: Array<Scalars['String']['output']>;
  text: Scalars['String']['output'];
  threshold: ProposalThreshold;
};

export type ProposalQuestionInput = {
  /** 2–6 options of 1–60 characters; default 同意 / 不同意. The first is the one the threshold counts. */
  options?: InputMaybe<Array<Scalars['String']['input']>>;
  /** 1–200 characters. */
  text: Scalars['String']['input'];
  /** Default simple_majority. */
  threshold?: InputMaybe<ProposalThreshold>;
};

/** The published result (结果公示): turnout and every question, live while voting runs, final once decided. */
export type ProposalResult = {
  __typename?: 'ProposalResult';
  /** The quorum met and every question passed. */
  adopted: Scalars['Boolean']['output'];
  /** When it was decided; the figures no longer change. */
  decidedAt?: Maybe<Scalars['String']['output']>;
  /** Households of the area in grids' registry (and any that voted and moved out since). */
  eligibleHouseholds: Scalars['Int']['output'];
  /** Of them, on paper. */
  paperBallots: Scalars['Int']['output'];
  proposalId: Scalars['ID']['output'];
  questions: Array<QuestionResult>;
  quorumMet: Scalars['Boolean']['output'];
  state: ProposalState;
  /** votedHouseholds / eligibleHouseholds. */
  turnout: Scalars['Float']['output'];
  votedHouseholds: Scalars['Int']['output'];
};

/** discussion (讨论) until discussionEndsAt → voting (表决) until votingEndsAt → decided (counted and published; final). */
export type ProposalState =
  | 'decided'
  | 'discussion'
  | 'voting';

/** How a question passes. simple_majority: more than half of the households that voted choose the first option. two_thirds: at least two thirds of the area's eligible households — voted or not — choose it (old-compound renovation, 四个三分之二). */
export type ProposalThreshold =
  | 'simple_majority'
  | 'two_thirds';

/** What anyone holding the tracking code sees: no contact, no staff notes, no names of staff. */
export type PublicPetition = {
  __typename?: 'PublicPetition';
  buildingName?: Maybe<Scalars['String']['output']>;
  category: Scalars['String']['output'];
  categoryNameZh: Scalars['String']['output'];
  channel: Channel;
  createdAt: Scalars['String']['output'];
  deadline: Scalars['String']['output'];
  description: Scalars['String']['output'];
  /** e.g. 网格 / 社区 / 街道, or the department’s name. */
  handlerName?: Maybe<Scalars['String']['output']>;
  /** The level handling it now; null before it is assigned. */
  level?: Maybe<Level>;
  rating?: Maybe<Scalars['Int']['output']>;
  resolvedAt?: Maybe<Scalars['String']['output']>;
  result?: Maybe<Scalars['String']['output']>;
  state: PetitionState;
  steps: Array<PublicStep>;
  title: Scalars['String']['output'];
  trackingCode: Scalars['String']['output'];
};

/** A step of a petition as the public page shows it. */
export type PublicStep = {
  __typename?: 'PublicStep';
  action: Scalars['String']['output'];
  at: Scalars['String']['output'];
  /** The step in Chinese for residents. */
  labelZh: Scalars['String']['output'];
};

export type PublishTaskInput = {
  /** 1–1000 stewards. */
  capacity: Scalars['Int']['input'];
  /** ISO 8601 with offset, in the future. */
  deadline: Scalars['String']['input'];
  /** At most 2000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Required for emergency tasks, absent otherwise. */
  emergencyType?: InputMaybe<EmergencyType>;
  /** Micro-wishes are posted with postMicroWish. */
  kind: TaskKind;
  location: LatLngInput;
  /** A place in the task's region whose check-in radius applies. */
  placeId?: InputMaybe<Scalars['ID']['input']>;
  /** Within the kind’s range: dispatched 5–20, emergency 5–40. */
  points: Scalars['Int']['input'];
  /** The node the task sits at. */
  region: Scalars['String']['input'];
  /** Steward classes 1–6 that may claim; none: any. */
  requiredClasses?: InputMaybe<Array<Scalars['Int']['input']>>;
  /** 1–100 characters. */
  title: Scalars['String']['input'];
};

/** A node of the region tree as a scanned code shows it. */
export type QrPlace = {
  __typename?: 'QrPlace';
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  path: Scalars['String']['output'];
};

/** What a scanned building code stands for: the building, where it lies and who answers for it. */
export type QrResolution = {
  __typename?: 'QrResolution';
  building: QrPlace;
  community?: Maybe<QrPlace>;
  compound?: Maybe<QrPlace>;
  grid?: Maybe<QrPlace>;
  team: Array<QrTeamMember>;
  version: Scalars['Int']['output'];
};

/** A printable HTML document (A4, 2 × 4 codes a page) of every building under a node. */
export type QrSheet = {
  __typename?: 'QrSheet';
  buildings: Scalars['Int']['output'];
  html: Scalars['String']['output'];
  regionId: Scalars['ID']['output'];
};

/** One person answering for a building, as anyone may see them: name and role only. */
export type QrTeamMember = {
  __typename?: 'QrTeamMember';
  gridName?: Maybe<Scalars['String']['output']>;
  layerKey: Scalars['String']['output'];
  layerNameZh: Scalars['String']['output'];
  name: Scalars['String']['output'];
  role: Scalars['String']['output'];
  titleZh: Scalars['String']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** The agreement templates with their suggested terms, for any signed-in caller. */
  agreementTemplates: Array<AgreementTemplate>;
  /** Audit entries of regions you administer, newest first. */
  auditLog: AuditConnection;
  /** Resolved petitions of a building and its compound (结果公示), newest first; no sign-in needed. The QR code's refusals: VALIDATION (QR_MALFORMED), NOT_FOUND (QR_FORGED, QR_REVOKED). */
  buildingNotices: Array<Notice>;
  /** A building's current code (issued on first ask). Admins of its region or above and its grid workers. */
  buildingQr: BuildingQr;
  /** The taxonomy: major categories with their minor ones, in their current versions; no sign-in needed. */
  categories: Array<MajorCategory>;
  /** How many households below a node have a central-household head, and which do not. */
  centralHeadCoverage: CentralHeadCoverage;
  /** A community's four lists. VALIDATION for a path that is not a community; NOT_FOUND for a community you do not see. */
  committeeLists: CommitteeLists;
  /** Departments of your counties (and the city) that petitions can be assigned to or whistle for. */
  departments: Array<Department>;
  /** A year's duty check-ins: yours, or (by stewardId) a steward's in a region where you are a grid worker or admin. */
  dutyCheckIns: DutySummary;
  /** A county's excellent stewards (优秀红管家) of a year (2026), with medals: chosen among the year's stars. */
  excellentStewards: ExcellentStewards;
  /** A node and everything below it you see, as a GeoJSON FeatureCollection (parents first; at most 5000 nodes: EXPORT_TOO_LARGE). */
  exportRegions: Scalars['GeoJSON']['output'];
  gridLayers: Array<GridLayer>;
  /** Households below a node (building, grid, community…), for people working on it or above; not for residents. */
  households: HouseholdConnection;
  /** The node at every level, the grid of every layer and its people, for a point. */
  locate: Location;
  /** A draw with its seed, pool digest and winners, and a page of its pool, to re-verify it. */
  lottery: LotteryDraw;
  me: Me;
  /** A case's current agreement (人民调解协议书) with each party's acceptance; null before one is drafted. NOT_FOUND for a case that is missing or another county's. */
  mediationAgreement?: Maybe<MediationAgreement>;
  /** One case, for staff (grid workers, mediators, admins) of its region or above, its mediator and its parties. NOT_FOUND when missing or another county's, alike. */
  mediationCase: MediationCase;
  /** Every transition of a case with who made it, oldest first; for whoever may read the case. NOT_FOUND when missing or another county's. */
  mediationCaseTimeline: Array<MediationCaseTimelineEntry>;
  /** Cases of the regions you handle as staff (grid workers, mediators, admins), and those you are a party to, newest first, filtered. NOT_FOUND for a region outside yours; VALIDATION for a cursor this list did not give out. */
  mediationCases: MediationCaseConnection;
  /** A case's follow-ups: visits (回访) and instalments to check (履行跟踪), by due date. NOT_FOUND for a case that is missing or another county's. */
  mediationFollowUps: Array<MediationFollowUp>;
  /** One meeting, for anyone who sees its place (its community's grids included). NOT_FOUND when missing or another county's, alike. */
  mediationMeeting: MediationMeeting;
  /** Meetings of the places you see (and of the communities above them), newest first. NOT_FOUND for a region outside yours. */
  mediationMeetings: Array<MediationMeetingSummary>;
  /** Mediation organisations of your regions, below them and above them (the street and county centres). NOT_FOUND for a region outside yours. */
  mediationOrganisations: Array<MediationOrganisation>;
  /** A party's phone and ID number in full; every read is audited. Only the case's mediator or an admin of its place (FORBIDDEN otherwise). Refused: NOT_FOUND UNKNOWN_PARTY (not a party of this case); NOT_FOUND for a case that is missing or another county's. */
  mediationPartyContact: MediationPartyContact;
  /** A case's sessions, in order; anyone who sees the case. NOT_FOUND for a case that is missing or another county's. */
  mediationSessions: Array<MediationSession>;
  /** Live statistics of the cases opened in a region subtree over [from, to): taken, resolved, success rate, days to agreement, grouped as asked. For staff (grid workers, mediators, admins) of the region or above it; NOT_FOUND for anyone else. VALIDATION for a day that does not exist, to not after from, or too long a period. */
  mediationStats: MediationStats;
  /** Mediators of an organisation or a region subtree you see. NOT_FOUND for a region outside yours; NOT_FOUND UNKNOWN_ORGANISATION for an organisation that is missing or not yours to see. */
  mediators: Array<Mediator>;
  /** Merchants of a region's subtree with their rewards, by name: everyone working in the county sees them. */
  merchants: MerchantConnection;
  /** Micro-wishes collected and confirmed per community under the region. */
  microWishStats: MicroWishStats;
  /** The micro-wish board: wishes in the region subtree that you may see, newest first. */
  microWishes: MicroWishConnection;
  /** Your claims, newest first. */
  myClaims: TaskClaimConnection;
  /** Your points (enrolled stewards). */
  myPoints: Points;
  /** Your place (enrolled stewards) in your community, your unit, or your class in your county (or your community as `region`). */
  myRank: MyRank;
  /** Your redemptions (enrolled stewards), newest first, with their codes. */
  myRedemptions: RedemptionConnection;
  /** Your lottery vouchers (积分奖券), newest first. */
  myVouchers: VoucherConnection;
  /** The Open311 keys of every county you administer (county or city admins; FORBIDDEN otherwise), newest first, without the keys themselves. */
  open311Keys: Array<Open311Key>;
  /** Open petitions of a region subtree past their deadline, the most overdue first; the same access as petitionStats. */
  overduePetitions: Array<OverduePetition>;
  /** The party organisation overlay (党组织) on a node's subtree, parents first, each with its party-member central households. */
  partyOrgs: Array<PartyOrg>;
  /** unmask: true shows phone and ID number in full to admins who may, and is audited. */
  person: Person;
  /** One petition, for staff of its region (and the submitter). NOT_FOUND when missing or another county's, alike. */
  petition: Petition;
  /** Follow a petition by its tracking code; no sign-in needed, no contact or staff names shown. VALIDATION for a malformed code, NOT_FOUND for an unknown one. */
  petitionByTrackingCode: PublicPetition;
  /** The submitter's name and phone in full, audited with your reason. Only the current handler, the screener or a supervisor (FORBIDDEN otherwise); NOT_FOUND when the petition is missing, another county's, or was submitted without a contact. */
  petitionContact: Contact;
  /** Open petitions that may repeat this one (same category, same building or close by, filed since a week before it), for screening. NOT_FOUND when missing or another county's. */
  petitionDuplicates: Array<DuplicateCandidate>;
  /** Statistics of a region subtree over [from, to) (ISO 8601 instants, at most 366 days apart), for staff of the region or above it. FORBIDDEN for anyone else of its county; NOT_FOUND for another county's region; VALIDATION for a bad period. */
  petitionStats: PetitionStats;
  /** Every transition of a petition with who made it, oldest first. NOT_FOUND when missing or another county's. */
  petitionTimeline: Array<TimelineEntry>;
  /** Petitions of the regions you handle (or your department’s), newest first, filtered. NOT_FOUND for a region outside yours; VALIDATION for a cursor this list did not give out. */
  petitions: PetitionConnection;
  /** Places below a node that you may see: by name, or nearest first within `near.radiusM`. */
  places: Array<Place>;
  /** Adjustments of stewards in a region (pending ones unless pendingOnly is false), for its admins. */
  pointsAdjustments: Array<PointsAdjustment>;
  /** A steward's ledger (yours when stewardId is absent), newest first; with a period (2026, 2026-Q4, 2026-11) the earnings behind a ranking figure. */
  pointsLedger: LedgerEntryConnection;
  /** One proposal, for anyone who belongs to its area (residents, their households, staff of the region). NOT_FOUND when missing, another county's or another community's, alike. */
  proposal: Proposal;
  /** The published result (结果公示): turnout and each question's count, live while voting runs and final once decided. For anyone who may read the proposal; NOT_FOUND otherwise. */
  proposalResult: ProposalResult;
  /** Proposals about a region (its area contains the region or lies in it) that you belong to, newest first. NOT_FOUND for a region outside yours. */
  proposals: Array<Proposal>;
  /** A printable sheet of the codes of every building at or below the node (at most 200: QR_SHEET_TOO_LARGE). */
  qrSheet: QrSheet;
  /** A live ranking (排行榜) of a month (2026-11), quarter (2026-Q4) or year (2026): COMMUNITY needs `region` (a community), CLASS `class` and `region` (a county or community), UNIT `unitId`. For regions you work on, above or below. */
  rankings: RankingConnection;
  /** One node, if it lies in, above or below one of your regions. */
  region: Region;
  /** One node by its path, e.g. jingmen/dongbao/longquan. */
  regionByPath: Region;
  /** The children of a node, by path. */
  regionChildren: RegionConnection;
  /** How many nodes of each level, and households, lie below a node. */
  regionSubtreeCount: SubtreeCount;
  /** What a scanned code stands for; no sign-in needed. Refused: VALIDATION (QR_MALFORMED), NOT_FOUND (QR_FORGED, QR_REVOKED). */
  resolveQr: QrResolution;
  steward: Steward;
  /** A community's steward stars (红管家之星) of a month (2026-11): the top N of its ranking, ties at the cut included. */
  stewardStars: StewardStars;
  /** Stewards in your regions, filtered by region, class and unit. */
  stewards: StewardConnection;
  /** Mediators who may take a case, best first: a matching speciality, an organisation near the place at the case's level, spare capacity; conflicts of interest are listed, not hidden. For staff (grid workers, mediators, admins) of the case's place or above (FORBIDDEN otherwise); NOT_FOUND for a case you may not read. */
  suggestMediators: Array<MediatorSuggestion>;
  /** One task, if it lies in, above or below one of your regions. */
  task: Task;
  /** A task's claims: all of them for its publisher and verifiers, your own otherwise. */
  taskClaims: Array<TaskClaim>;
  /** The map: tasks within a radius (nearest first), a box or a region subtree that you may see. */
  tasksNear: Array<Task>;
  /** Units of a region that you may see, by score: the points their stewards earned over their members. */
  unitRankings: UnitRankingConnection;
  /** Unit tiers of a quarter (2026-Q4) in a region, by its county’s score lines, and the units under the pass line. */
  unitTiers: UnitTiers;
  /** Units visible in your regions, ordered by code. */
  units: UnitConnection;
  /** One webhook. Admins of the webhook's county, or the city's, only (FORBIDDEN otherwise); NOT_FOUND UNKNOWN_WEBHOOK for a webhook that is missing or another county's. */
  webhook: Webhook;
  /** A webhook's delivery log, newest first, each delivery with its tries. Admins of the webhook's county, or the city's, only (FORBIDDEN otherwise); NOT_FOUND UNKNOWN_WEBHOOK for a webhook that is missing or another county's. */
  webhookDeliveries: WebhookDeliveryConnection;
  /** The webhooks registered for a county (jingmen/dongbao) or the city (jingmen). Its admins only; NOT_FOUND for a region outside yours. */
  webhooks: Array<Webhook>;
  /** Whistles of your communities, or summoning your department, newest first. NOT_FOUND for a region outside yours. */
  whistles: Array<Whistle>;
};


export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  operation?: InputMaybe<Scalars['String']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
  targetId?: InputMaybe<Scalars['String']['input']>;
};


export type QueryBuildingNoticesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  qrToken: Scalars['String']['input'];
};


export type QueryBuildingQrArgs = {
  buildingId: Scalars['ID']['input'];
};


export type QueryCategoriesArgs = {
  includeRetired?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryCentralHeadCoverageArgs = {
  regionId: Scalars['ID']['input'];
};


export type QueryCommitteeListsArgs = {
  community: Scalars['String']['input'];
  states?: InputMaybe<Array<CommitteeItemState>>;
};


export type QueryDutyCheckInsArgs = {
  stewardId?: InputMaybe<Scalars['ID']['input']>;
  year: Scalars['Int']['input'];
};


export type QueryExcellentStewardsArgs = {
  county: Scalars['String']['input'];
  year: Scalars['String']['input'];
};


export type QueryExportRegionsArgs = {
  regionId: Scalars['ID']['input'];
};


export type QueryHouseholdsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  regionId: Scalars['ID']['input'];
};


export type QueryLocateArgs = {
  lat: Scalars['Float']['input'];
  lng: Scalars['Float']['input'];
};


export type QueryLotteryArgs = {
  id: Scalars['ID']['input'];
  poolAfter?: InputMaybe<Scalars['String']['input']>;
  poolFirst?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryMediationAgreementArgs = {
  caseId: Scalars['ID']['input'];
};


export type QueryMediationCaseArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMediationCaseTimelineArgs = {
  caseId: Scalars['ID']['input'];
};


export type QueryMediationCasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  category?: InputMaybe<DisputeCategory>;
  confirmationDue?: InputMaybe<Scalars['Boolean']['input']>;
  criminalRisk?: InputMaybe<Scalars['Boolean']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  level?: InputMaybe<MediationLevel>;
  mediatorId?: InputMaybe<Scalars['ID']['input']>;
  organisationId?: InputMaybe<Scalars['ID']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
  states?: InputMaybe<Array<MediationCaseState>>;
};


export type QueryMediationFollowUpsArgs = {
  caseId: Scalars['ID']['input'];
};


export type QueryMediationMeetingArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMediationMeetingsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
};


export type QueryMediationOrganisationsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
};


export type QueryMediationPartyContactArgs = {
  caseId: Scalars['ID']['input'];
  partyId: Scalars['ID']['input'];
};


export type QueryMediationSessionsArgs = {
  caseId: Scalars['ID']['input'];
};


export type QueryMediationStatsArgs = {
  category?: InputMaybe<DisputeCategory>;
  from?: InputMaybe<Scalars['String']['input']>;
  groupBy?: InputMaybe<MediationStatsGrouping>;
  region: Scalars['String']['input'];
  to?: InputMaybe<Scalars['String']['input']>;
};


export type QueryMediatorsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  organisationId?: InputMaybe<Scalars['ID']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
};


export type QueryMerchantsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  region: Scalars['String']['input'];
};


export type QueryMicroWishStatsArgs = {
  region: Scalars['String']['input'];
};


export type QueryMicroWishesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  region: Scalars['String']['input'];
  status?: InputMaybe<MicroWishStatus>;
};


export type QueryMyClaimsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  statuses?: InputMaybe<Array<ClaimStatus>>;
};


export type QueryMyRankArgs = {
  period: Scalars['String']['input'];
  region?: InputMaybe<Scalars['String']['input']>;
  scope: RankingScope;
};


export type QueryMyRedemptionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  statuses?: InputMaybe<Array<RedemptionStatus>>;
};


export type QueryMyVouchersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  statuses?: InputMaybe<Array<VoucherStatus>>;
};


export type QueryOverduePetitionsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  region: Scalars['String']['input'];
};


export type QueryPartyOrgsArgs = {
  regionId: Scalars['ID']['input'];
};


export type QueryPersonArgs = {
  id: Scalars['ID']['input'];
  unmask?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryPetitionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPetitionByTrackingCodeArgs = {
  trackingCode: Scalars['String']['input'];
};


export type QueryPetitionContactArgs = {
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type QueryPetitionDuplicatesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
};


export type QueryPetitionStatsArgs = {
  from: Scalars['String']['input'];
  region: Scalars['String']['input'];
  to: Scalars['String']['input'];
};


export type QueryPetitionTimelineArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPetitionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  category?: InputMaybe<Scalars['String']['input']>;
  channels?: InputMaybe<Array<Channel>>;
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  level?: InputMaybe<Level>;
  overdue?: InputMaybe<Scalars['Boolean']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
  states?: InputMaybe<Array<PetitionState>>;
};


export type QueryPlacesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  kinds?: InputMaybe<Array<PlaceKind>>;
  near?: InputMaybe<PlaceNearInput>;
  regionId: Scalars['ID']['input'];
};


export type QueryPointsAdjustmentsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  pendingOnly?: InputMaybe<Scalars['Boolean']['input']>;
  region: Scalars['String']['input'];
};


export type QueryPointsLedgerArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  period?: InputMaybe<Scalars['String']['input']>;
  stewardId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryProposalArgs = {
  id: Scalars['ID']['input'];
};


export type QueryProposalResultArgs = {
  id: Scalars['ID']['input'];
};


export type QueryProposalsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
};


export type QueryQrSheetArgs = {
  regionId: Scalars['ID']['input'];
};


export type QueryRankingsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  class?: InputMaybe<Scalars['Int']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  period: Scalars['String']['input'];
  region?: InputMaybe<Scalars['String']['input']>;
  scope: RankingScope;
  unitId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryRegionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRegionByPathArgs = {
  region: Scalars['String']['input'];
};


export type QueryRegionChildrenArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  includeArchived?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryRegionSubtreeCountArgs = {
  id: Scalars['ID']['input'];
};


export type QueryResolveQrArgs = {
  token: Scalars['String']['input'];
};


export type QueryStewardArgs = {
  id: Scalars['ID']['input'];
};


export type QueryStewardStarsArgs = {
  community: Scalars['String']['input'];
  month: Scalars['String']['input'];
};


export type QueryStewardsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<StewardFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySuggestMediatorsArgs = {
  caseId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryTaskArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTaskClaimsArgs = {
  taskId: Scalars['ID']['input'];
};


export type QueryTasksNearArgs = {
  search: TaskSearchInput;
};


export type QueryUnitRankingsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  period: Scalars['String']['input'];
  region: Scalars['String']['input'];
};


export type QueryUnitTiersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  quarter: Scalars['String']['input'];
  region: Scalars['String']['input'];
};


export type QueryUnitsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
};


export type QueryWebhookArgs = {
  id: Scalars['ID']['input'];
};


export type QueryWebhookDeliveriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  state?: InputMaybe<WebhookDeliveryState>;
  webhookId: Scalars['ID']['input'];
};


export type QueryWebhooksArgs = {
  region: Scalars['String']['input'];
};


export type QueryWhistlesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  open?: InputMaybe<Scalars['Boolean']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
};

/** One question's count. */
export type QuestionResult = {
  __typename?: 'QuestionResult';
  /** Share of the votes cast for the first option; null before anyone voted. */
  agreeShare?: Maybe<Scalars['Float']['output']>;
  /** Households per option, in order. */
  counts: Array<Scalars['Int']['output']>;
  options: Array<Scalars['String']['output']>;
  passed: Scalars['Boolean']['output'];
  /** Votes the first option needs to pass as the count stands (see ProposalThreshold for the base). */
  requiredAgree: Scalars['Int']['output'];
  text: Scalars['String']['output'];
  threshold: ProposalThreshold;
};

export type RankingConnection = {
  __typename?: 'RankingConnection';
  items: Array<RankingEntry>;
  pageInfo: PageInfo;
};

/** A line of a ranking (排行榜). `pointsLedger(stewardId, period)` lists the entries behind `points`. */
export type RankingEntry = {
  __typename?: 'RankingEntry';
  /** The steward's number (C-UNIT-GRID-BLDG-NNNN). */
  number: Scalars['String']['output'];
  /** The period ranked: 2026, 2026-Q4 or 2026-11 (China Standard Time). */
  period: Scalars['String']['output'];
  /** Earned in the period: completions, rating bonuses, manual adjustments. */
  points: Scalars['Int']['output'];
  /** Ties share a rank and the next rank skips (1, 2, 2, 4). */
  rank: Scalars['Int']['output'];
  stewardId: Scalars['ID']['output'];
};

/** COMMUNITY: stewards of a community (社区内); CLASS: stewards of one number class (同号段) in a county or community; UNIT: colleagues of a unit (单位内). */
export type RankingScope =
  | 'CLASS'
  | 'COMMUNITY'
  | 'UNIT';

/** Give id when signed in as the submitter; anyone else gives the tracking code with the key from submitPetition. */
export type RatePetitionInput = {
  /** At most 500 characters. */
  comment?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
  /** 1–5: 3 or more closes the petition, less reopens it. */
  rating: Scalars['Int']['input'];
  submitterKey?: InputMaybe<Scalars['String']['input']>;
  trackingCode?: InputMaybe<Scalars['String']['input']>;
};

export type RecordDecisionInput = {
  /** Default none. */
  action?: InputMaybe<MeetingDecisionAction>;
  /** The agenda item it decides, if any. */
  agendaItemId?: InputMaybe<Scalars['ID']['input']>;
  /** Required for action list_item: the list it files the item on. */
  list?: InputMaybe<CommitteeListName>;
  meetingId: Scalars['ID']['input'];
  /** 1–2000 characters. */
  text: Scalars['String']['input'];
};

export type RecordFollowUpInput = {
  /** Visit made / instalment paid in full. */
  done: Scalars['Boolean']['input'];
  id: Scalars['ID']['input'];
  /** 1–1000 characters. */
  note: Scalars['String']['input'];
  /** What was paid. In fen (分, 1/100 yuan): a whole number up to 10^13, typed Float because it can exceed a 32-bit Int. */
  paidFen?: InputMaybe<Scalars['Float']['input']>;
};

export type RecordJudicialConfirmationInput = {
  caseId: Scalars['ID']['input'];
  /** The court's ruling: true confirmed (确认有效), false rejected (驳回). */
  confirmed: Scalars['Boolean']['input'];
  /** When the court ruled (ISO 8601 with offset, not in the future); default now. */
  decidedAt?: InputMaybe<Scalars['String']['input']>;
  /** The ruling's reference (at most 60 characters). */
  rulingReference?: InputMaybe<Scalars['String']['input']>;
};

export type RecordMinutesInput = {
  /** 1–200 attendees. */
  attendees: Array<MeetingAttendeeInput>;
  meetingId: Scalars['ID']['input'];
  /** 1–10000 characters. */
  minutes: Scalars['String']['input'];
};

export type RecordSessionInput = {
  /** Ids of the parties present (at most 10). */
  attendedPartyIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Default true; false: the session did not take place (cancelled). */
  held?: InputMaybe<Scalars['Boolean']['input']>;
  /** 1–4000 characters. */
  notes: Scalars['String']['input'];
  sessionId: Scalars['ID']['input'];
};

/** Points redeemed for goods: the code is shown at the merchant, who confirms it once. */
export type Redemption = {
  __typename?: 'Redemption';
  /** 8 characters without look-alikes (no 0/O, 1/I/L). */
  code: Scalars['String']['output'];
  confirmedAt?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  itemId: Scalars['ID']['output'];
  itemName: Scalars['String']['output'];
  merchantId: Scalars['ID']['output'];
  merchantName: Scalars['String']['output'];
  /** Points paid: price × quantity. */
  points: Scalars['Int']['output'];
  quantity: Scalars['Int']['output'];
  status: RedemptionStatus;
  stewardId: Scalars['ID']['output'];
};

export type RedemptionConnection = {
  __typename?: 'RedemptionConnection';
  items: Array<Redemption>;
  pageInfo: PageInfo;
};

/** issued (the code is shown at the till), confirmed (goods handed over), cancelled. */
export type RedemptionStatus =
  | 'cancelled'
  | 'confirmed'
  | 'issued';

/** A node of the region tree (区域): city, county, street/town, community/village, grid, compound/village group or building. */
export type Region = {
  __typename?: 'Region';
  archived: Scalars['Boolean']['output'];
  code: Scalars['String']['output'];
  createdAt: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** district/county, street/town, community/village, compound/village_group. */
  kind?: Maybe<Scalars['String']['output']>;
  /** city, county, street, community, grid, compound or building. */
  level: Scalars['String']['output'];
  /** A building's point. */
  location?: Maybe<LatLng>;
  name: Scalars['String']['output'];
  parent?: Maybe<Region>;
  parentId?: Maybe<Scalars['ID']['output']>;
  /** e.g. jingmen/dongbao/longquan/xiangshan/g03: the form role grants use. */
  path: Scalars['String']['output'];
  /** The area as a GeoJSON MultiPolygon. */
  shape?: Maybe<Scalars['GeoJSON']['output']>;
  updatedAt: Scalars['String']['output'];
  version: Scalars['Int']['output'];
};

export type RegionConnection = {
  __typename?: 'RegionConnection';
  items: Array<Region>;
  pageInfo: PageInfo;
};

export type RegisterHouseholdInput = {
  buildingId: Scalars['ID']['input'];
  /** Room number, e.g. 2-301; unique in the building. */
  number: Scalars['String']['input'];
};

export type RegisterPersonInput = {
  idCardNumber: Scalars['String']['input'];
  name: Scalars['String']['input'];
  password?: InputMaybe<Scalars['String']['input']>;
  phone: Scalars['String']['input'];
  region: Scalars['String']['input'];
  username?: InputMaybe<Scalars['String']['input']>;
};

export type ReopenPetitionInput = {
  id: Scalars['ID']['input'];
  /** 1–500 characters; kept in the timeline. */
  reason: Scalars['String']['input'];
};

export type RequestAdjustmentInput = {
  /** −1000…1000, not 0. */
  amount: Scalars['Int']['input'];
  /** 4–500 characters. */
  reason: Scalars['String']['input'];
  /** Your key for this request (8–100 characters): sending it twice asks once. */
  requestKey: Scalars['String']['input'];
  stewardId: Scalars['ID']['input'];
};

export type RequestJudicialConfirmationInput = {
  caseId: Scalars['ID']['input'];
  /** The people's court the joint application goes to, e.g. 东宝区人民法院 (1–60 characters). */
  court: Scalars['String']['input'];
};

export type ResolvePetitionInput = {
  /** Up to 9 photos of the result (POST /uploads). */
  evidenceAttachmentIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  id: Scalars['ID']['input'];
  /** What was done, for the submitter and the public notice: 1–2000 characters. */
  result: Scalars['String']['input'];
};

export type RestockRewardItemInput = {
  /** Put on (true) or take off (false) the shelf. */
  active?: InputMaybe<Scalars['Boolean']['input']>;
  itemId: Scalars['ID']['input'];
  /** Pieces added (0 to change only `active`). */
  quantity: Scalars['Int']['input'];
};

/** A reward in the points supermarket (积分超市), paid for in points. */
export type RewardItem = {
  __typename?: 'RewardItem';
  /** False: off the shelf, not redeemable. */
  active: Scalars['Boolean']['output'];
  createdAt: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  merchantId: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  pricePoints: Scalars['Int']['output'];
  stock: Scalars['Int']['output'];
};

/** A role held on a region and inherited by every region below it. */
export type Role =
  | 'city_admin'
  | 'community_admin'
  | 'county_admin'
  | 'department_handler'
  | 'grid_worker'
  | 'integrator'
  | 'mediator'
  | 'resident'
  | 'steward'
  | 'street_admin';

export type RoleGrant = {
  __typename?: 'RoleGrant';
  accountId: Scalars['ID']['output'];
  grantedAt: Scalars['String']['output'];
  grantedBy?: Maybe<Scalars['ID']['output']>;
  id: Scalars['ID']['output'];
  personId?: Maybe<Scalars['ID']['output']>;
  region: Scalars['String']['output'];
  role: Role;
};

export type ScheduleFollowUpInput = {
  /** For a payment: the amount due. In fen (分, 1/100 yuan): a whole number up to 10^13, typed Float because it can exceed a 32-bit Int. */
  amountFen?: InputMaybe<Scalars['Float']['input']>;
  caseId: Scalars['ID']['input'];
  /** A calendar day, YYYY-MM-DD. */
  dueOn: Scalars['String']['input'];
  kind: FollowUpKind;
  /** At most 500 characters. */
  note?: InputMaybe<Scalars['String']['input']>;
};

export type ScheduleMeetingInput = {
  kind: MediationMeetingKind;
  /** 1–120 characters. */
  place: Scalars['String']['input'];
  /** The community (or one of its grids) that holds it. */
  region: Scalars['String']['input'];
  /** An ISO 8601 instant with its offset, e.g. 2026-12-03T19:30:00+08:00. */
  startsAt: Scalars['String']['input'];
  /** 1–80 characters. */
  title: Scalars['String']['input'];
};

export type ScheduleSessionInput = {
  caseId: Scalars['ID']['input'];
  /** Online (required there): an https video meeting link. */
  meetingLink?: InputMaybe<Scalars['String']['input']>;
  mode: MediationSessionMode;
  /** In person: the room (at most 120 characters). */
  place?: InputMaybe<Scalars['String']['input']>;
  /** An ISO 8601 instant with its offset, e.g. 2026-12-03T09:30:00+08:00; not in the past. */
  startsAt: Scalars['String']['input'];
};

/** valid (→ screened), duplicate (→ merged into duplicateOf), invalid, not_responsible, referred. */
export type ScreenOutcome =
  | 'duplicate'
  | 'invalid'
  | 'not_responsible'
  | 'referred'
  | 'valid';

export type ScreenPetitionInput = {
  /** For duplicate: the open petition of the same county it repeats (its cluster is joined). */
  duplicateOf?: InputMaybe<Scalars['ID']['input']>;
  id: Scalars['ID']['input'];
  /** At most 500 characters. */
  note?: InputMaybe<Scalars['String']['input']>;
  outcome: ScreenOutcome;
  /** 1 (low) – 3 (urgent), by nature, reach and urgency; default 2. */
  priority?: InputMaybe<Scalars['Int']['input']>;
};

/** Place in the sentinel chain (哨兵—组长—班长). */
export type SentinelRole =
  | 'group_leader'
  | 'sentinel'
  | 'squad_leader';

/** The six preventions (六防) a sentinel report is about: fire, disaster, disorder, epidemic, hardship, fraud. */
export type SixPrevention =
  | 'disaster'
  | 'disorder'
  | 'epidemic'
  | 'fire'
  | 'fraud'
  | 'hardship';

export type SpawnFromPetitionInput = {
  id: Scalars['ID']['input'];
  kind: SpawnKind;
  /** At most 500 characters. */
  note?: InputMaybe<Scalars['String']['input']>;
};

/** task (a volunteer task in the tasks service) or mediation (a dispute case). */
export type SpawnKind =
  | 'mediation'
  | 'task';

/** A Red Steward (红管家). */
export type Steward = {
  __typename?: 'Steward';
  building?: Maybe<Scalars['String']['output']>;
  card: StewardCard;
  /** Number class 1–6. */
  class: Scalars['Int']['output'];
  deliberationRole?: Maybe<DeliberationRole>;
  enrolledAt: Scalars['String']['output'];
  grid: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** C-UNIT-GRID-BLDG-NNNN: class, unit code, grid code, building, sequence. */
  number: Scalars['String']['output'];
  /** Every number this steward has held, oldest first; the last one is in use. */
  numberHistory: Array<StewardNumber>;
  /** Null when the person is outside your regions. */
  person?: Maybe<Person>;
  personId: Scalars['ID']['output'];
  /** Superior in the sentinel chain. */
  reportsTo?: Maybe<Steward>;
  reportsToId?: Maybe<Scalars['ID']['output']>;
  sentinelRole?: Maybe<SentinelRole>;
  unit?: Maybe<Unit>;
  unitId: Scalars['ID']['output'];
  updatedAt: Scalars['String']['output'];
};

/** Steward card (红管家卡): identity on the front, duties on the back. */
export type StewardCard = {
  __typename?: 'StewardCard';
  building?: Maybe<Scalars['String']['output']>;
  classTitle: Scalars['String']['output'];
  /** The class's duties, in Chinese, as printed on the card's back. */
  duties: Array<Scalars['String']['output']>;
  grid: Scalars['String']['output'];
  /** The person's name; null when the person is outside your regions. */
  name?: Maybe<Scalars['String']['output']>;
  number: Scalars['String']['output'];
  /** The unit's name; null when the unit is outside your regions. */
  unitName?: Maybe<Scalars['String']['output']>;
};

export type StewardConnection = {
  __typename?: 'StewardConnection';
  items: Array<Steward>;
  pageInfo: PageInfo;
};

export type StewardFilter = {
  class?: InputMaybe<Scalars['Int']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
  unitId?: InputMaybe<Scalars['ID']['input']>;
};

/** A number a steward held (编号): numbers change when a steward moves unit, grid or class; old cards stay traceable. */
export type StewardNumber = {
  __typename?: 'StewardNumber';
  issuedAt: Scalars['String']['output'];
  number: Scalars['String']['output'];
  /** Null for the number in use. */
  retiredAt?: Maybe<Scalars['String']['output']>;
};

/** A community's steward stars (红管家之星) of a month. */
export type StewardStars = {
  __typename?: 'StewardStars';
  community: Scalars['String']['output'];
  month: Scalars['String']['output'];
  stars: Array<RankingEntry>;
  /** The top N are stars, and everyone tied with the N-th. */
  starsPerCommunity: Scalars['Int']['output'];
};

export type SubmitPetitionInput = {
  /** Default false; only categories that allow it. */
  anonymous?: InputMaybe<Scalars['Boolean']['input']>;
  /** Up to 9 photos, by the ids the gateway's upload endpoint (POST /uploads) answered. */
  attachmentIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** A minor category key, e.g. municipal.streetlight (see categories). */
  category: Scalars['String']['input'];
  channel: Channel;
  /** Required unless anonymous, or signed in on a qr, photo, sentinel or steward_app report. */
  contact?: InputMaybe<ContactInput>;
  /** 1–2000 characters. */
  description: Scalars['String']['input'];
  /** Where the problem is: a photo report without a QR token needs it. */
  location?: InputMaybe<LatLngInput>;
  /** The token in a building's QR code: required for qr; binds the petition to the building, its grid and team. */
  qrToken?: InputMaybe<Scalars['String']['input']>;
  /** hotline, door_knock, mailbox (required) and stewards: the grid or community the petition belongs to. */
  region?: InputMaybe<Scalars['String']['input']>;
  /** Required for the sentinel channel. */
  sixPrevention?: InputMaybe<SixPrevention>;
  /** At most 60 characters; default: the start of the description. */
  title?: InputMaybe<Scalars['String']['input']>;
};

/** What a submitter gets back, once: the petition and the key to rate it with its tracking code. */
export type SubmittedPetition = {
  __typename?: 'SubmittedPetition';
  petition: PublicPetition;
  /** Shown only now (only its hash is stored): keep it with the tracking code to rate the result without an account. */
  submitterKey: Scalars['String']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** A petition's current view, first when you subscribe (and so again after a reconnect) and then after each of its events (screened, assigned, accepted, started, resolved, rated, reopened, closed, escalated, merged, linked …), for its submitter and staff of its region. Each push is read again as you: NOT_FOUND when subscribing to a missing or another county's petition, like the query; the subscription ends with FORBIDDEN or NOT_FOUND once you may no longer read it (a role revoked), and with UNAUTHENTICATED TOKEN_EXPIRED when your token expires. */
  petitionUpdated: Petition;
  /** A community's ranking (COMMUNITY scope) of a period (default: this month, China Standard Time): the first page (first, default 20) when you subscribe and again whenever posted points change it, at most once a second. Read again as you each time: NOT_FOUND for a community outside your regions, like rankings; VALIDATION for a region that is not a community or a malformed period. */
  rankingChanged: RankingConnection;
  /** A task's current view, first when you subscribe (and so again after a reconnect) and then after each of its events (claimed, checked in, submitted, verified, rejected, rated, closed, cancelled, expired). Each push is read again as you: NOT_FOUND when subscribing to a missing task or one outside your regions, like the query; the subscription ends with the refusal once you may no longer read it, and with UNAUTHENTICATED TOKEN_EXPIRED when your token expires. */
  taskUpdated: Task;
  /** The map, live: a task published within radiusMeters (at most 20000) of the point, and every later change of a task there, as you may read it then. Nothing is pushed at subscribe time (query tasksNear for the map as it is); tasks you may not read (another county’s) are never pushed. VALIDATION for a point or radius out of range. */
  tasksNear: Task;
};


export type SubscriptionPetitionUpdatedArgs = {
  id: Scalars['ID']['input'];
};


export type SubscriptionRankingChangedArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  period?: InputMaybe<Scalars['String']['input']>;
  region: Scalars['String']['input'];
};


export type SubscriptionTaskUpdatedArgs = {
  id: Scalars['ID']['input'];
};


export type SubscriptionTasksNearArgs = {
  lat: Scalars['Float']['input'];
  lng: Scalars['Float']['input'];
  radiusMeters: Scalars['Float']['input'];
};

export type SubtreeCount = {
  __typename?: 'SubtreeCount';
  byLevel: Array<LevelCount>;
  households: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
};

/** A task on the map (任务): claimed by stewards up to its capacity, checked in on the spot, verified by someone else. */
export type Task = {
  __typename?: 'Task';
  capacity: Scalars['Int']['output'];
  /** Check-ins count within this many metres. */
  checkinRadiusM: Scalars['Int']['output'];
  /** Places taken (claims not withdrawn, rejected or expired). */
  claimed: Scalars['Int']['output'];
  createdAt: Scalars['String']['output'];
  deadline: Scalars['String']['output'];
  description: Scalars['String']['output'];
  /** Metres from the search point, in a search near a point. */
  distanceM?: Maybe<Scalars['Float']['output']>;
  emergencyType?: Maybe<EmergencyType>;
  id: Scalars['ID']['output'];
  kind: TaskKind;
  location: LatLng;
  /** The place whose check-in radius applies. */
  placeId?: Maybe<Scalars['ID']['output']>;
  points: Scalars['Int']['output'];
  /** The person who published it. */
  publishedBy: Scalars['ID']['output'];
  /** The node it sits at (building, market, street…). */
  region: Scalars['String']['output'];
  /** Steward classes that may claim; empty: any. */
  requiredClasses: Array<Scalars['Int']['output']>;
  /** The deliberation meeting's decision (议事会决定) it was published for, if the decision asked for a task. */
  sourceDecisionId?: Maybe<Scalars['ID']['output']>;
  /** The petition (诉求) it was published for, if a handler asked for a task for one. */
  sourcePetitionId?: Maybe<Scalars['ID']['output']>;
  status: TaskStatus;
  title: Scalars['String']['output'];
};

/** One steward's part in a task. */
export type TaskClaim = {
  __typename?: 'TaskClaim';
  checkedInAt?: Maybe<Scalars['String']['output']>;
  checkinDistanceM?: Maybe<Scalars['Float']['output']>;
  claimedAt: Scalars['String']['output'];
  decidedAt?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  note?: Maybe<Scalars['String']['output']>;
  /** Photo references (storage keys). */
  photos: Array<Scalars['String']['output']>;
  /** Points the verification posted (after the daily cap). */
  pointsAwarded?: Maybe<Scalars['Int']['output']>;
  /** 1–5 stars from the publisher. */
  rating?: Maybe<Scalars['Int']['output']>;
  rejectionReason?: Maybe<Scalars['String']['output']>;
  status: ClaimStatus;
  stewardId: Scalars['ID']['output'];
  submittedAt?: Maybe<Scalars['String']['output']>;
  taskId: Scalars['ID']['output'];
};

export type TaskClaimConnection = {
  __typename?: 'TaskClaimConnection';
  items: Array<TaskClaim>;
  pageInfo: PageInfo;
};

/** annual_duty 年度任务, dispatched 派单任务 (5–20 points), emergency 应急任务 (5–40 points), micro_wish 微心愿. */
export type TaskKind =
  | 'annual_duty'
  | 'dispatched'
  | 'emergency'
  | 'micro_wish';

export type TaskNearInput = {
  lat: Scalars['Float']['input'];
  lng: Scalars['Float']['input'];
  /** At most 20,000 m. */
  radiusM: Scalars['Float']['input'];
};

export type TaskSearchInput = {
  bbox?: InputMaybe<BoundingBoxInput>;
  /** 1–100, default 20. */
  first?: InputMaybe<Scalars['Int']['input']>;
  kinds?: InputMaybe<Array<TaskKind>>;
  near?: InputMaybe<TaskNearInput>;
  /** A region subtree. */
  region?: InputMaybe<Scalars['String']['input']>;
  /** Default: published. */
  statuses?: InputMaybe<Array<TaskStatus>>;
  /** Only tasks this steward class may claim. */
  stewardClass?: InputMaybe<Scalars['Int']['input']>;
};

/** published (open for claims), closed (every place verified), cancelled, expired. */
export type TaskStatus =
  | 'cancelled'
  | 'closed'
  | 'expired'
  | 'published';

export type TierCounts = {
  __typename?: 'TierCounts';
  excellent: Scalars['Int']['output'];
  fail: Scalars['Int']['output'];
  good: Scalars['Int']['output'];
  pass: Scalars['Int']['output'];
};

/** Score lines: a unit at or above a line is in its tier. */
export type TierLines = {
  __typename?: 'TierLines';
  excellent: Scalars['Float']['output'];
  good: Scalars['Float']['output'];
  pass: Scalars['Float']['output'];
};

/** One transition of a petition, with who made it: the audit trail. */
export type TimelineEntry = {
  __typename?: 'TimelineEntry';
  action: Scalars['String']['output'];
  actorAccountId?: Maybe<Scalars['ID']['output']>;
  /** resident, system (a deadline sweep), or the username of the staff member. */
  actorLabel: Scalars['String']['output'];
  at: Scalars['String']['output'];
  fromState?: Maybe<PetitionState>;
  level?: Maybe<Level>;
  note?: Maybe<Scalars['String']['output']>;
  /** Order of the entries (a growing number, as a string). */
  seq: Scalars['String']['output'];
  toState: PetitionState;
};

/** Access token (≤ 15 minutes) and a refresh token that works once. */
export type TokenPayload = {
  __typename?: 'TokenPayload';
  accessToken: Scalars['String']['output'];
  /** Seconds until the access token expires. */
  expiresIn: Scalars['Int']['output'];
  refreshToken: Scalars['String']['output'];
};

export type UncoveredHousehold = {
  __typename?: 'UncoveredHousehold';
  buildingId: Scalars['ID']['output'];
  buildingName: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  number: Scalars['String']['output'];
};

export type Unit = {
  __typename?: 'Unit';
  code: Scalars['String']['output'];
  createdAt: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  kind: UnitKind;
  name: Scalars['String']['output'];
  region: Scalars['String']['output'];
};

export type UnitConnection = {
  __typename?: 'UnitConnection';
  items: Array<Unit>;
  pageInfo: PageInfo;
};

/** Liaison unit (包联单位), government department, enterprise or social organisation. */
export type UnitKind =
  | 'enterprise'
  | 'government_department'
  | 'liaison_unit'
  | 'social_organisation';

export type UnitRankingConnection = {
  __typename?: 'UnitRankingConnection';
  items: Array<UnitRankingEntry>;
  pageInfo: PageInfo;
};

/** A unit ranked by score: the points its stewards earned over its members. */
export type UnitRankingEntry = {
  __typename?: 'UnitRankingEntry';
  /** Its stewards. */
  members: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  period: Scalars['String']['output'];
  points: Scalars['Int']['output'];
  rank: Scalars['Int']['output'];
  region: Scalars['String']['output'];
  /** points / members, to two decimals. */
  score: Scalars['Float']['output'];
  unitId: Scalars['ID']['output'];
};

/** A unit's quarter by its county's score lines: excellent 优秀, good 良好, pass 合格, fail 不合格. */
export type UnitTier =
  | 'excellent'
  | 'fail'
  | 'good'
  | 'pass';

export type UnitTierConnection = {
  __typename?: 'UnitTierConnection';
  items: Array<UnitTierEntry>;
  pageInfo: PageInfo;
};

/** A unit's score and tier in a quarter. */
export type UnitTierEntry = {
  __typename?: 'UnitTierEntry';
  /** Its stewards. */
  members: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  period: Scalars['String']['output'];
  points: Scalars['Int']['output'];
  rank: Scalars['Int']['output'];
  region: Scalars['String']['output'];
  /** points / members, to two decimals. */
  score: Scalars['Float']['output'];
  tier: UnitTier;
  unitId: Scalars['ID']['output'];
};

/** The quarterly unit tiers (优秀、良好、合格、不合格) of a region. */
export type UnitTiers = {
  __typename?: 'UnitTiers';
  counts: TierCounts;
  /** The region's county's lines; null above the counties (each unit's county's lines apply). */
  lines?: Maybe<TierLines>;
  quarter: Scalars['String']['output'];
  region: Scalars['String']['output'];
  /** Units under the pass line, lowest first: their stewards lose eligibility for the annual honours. */
  underPass: Array<UnitTierEntry>;
  /** Every unit, best first. */
  units: UnitTierConnection;
};

/** Fields left out keep their value; the edit becomes a new version of the category. */
export type UpdateCategoryInput = {
  anonymousAllowed?: InputMaybe<Scalars['Boolean']['input']>;
  /** A functional name (at most 32 characters); null or empty clears it. */
  defaultDepartment?: InputMaybe<Scalars['String']['input']>;
  defaultLevel?: InputMaybe<Level>;
  /** The minor category key. */
  key: Scalars['String']['input'];
  /** 1–40 characters. */
  nameZh?: InputMaybe<Scalars['String']['input']>;
  /** true takes it out of use for new petitions; false brings it back. */
  retired?: InputMaybe<Scalars['Boolean']['input']>;
  /** 1–90 days. */
  timeLimitDays?: InputMaybe<Scalars['Int']['input']>;
};

/** Completes or corrects a party (a case from a petition starts with placeholders); fields left out keep their value. */
export type UpdateMediationPartyInput = {
  caseId: Scalars['ID']['input'];
  /** An 18-character ID number or unified credit code; stored encrypted, shown masked. */
  idNumber?: InputMaybe<Scalars['String']['input']>;
  /** 1–60 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
  partyId: Scalars['ID']['input'];
  personId?: InputMaybe<Scalars['ID']['input']>;
  /** A mobile or landline number; stored encrypted, shown masked. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** Mediators' person ids the party declares related (亲属). At most 20. */
  relatedPersonIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** Fields left out keep their value. */
export type UpdateMediatorInput = {
  /** false: no new cases are assigned (open ones stay). */
  available?: InputMaybe<Scalars['Boolean']['input']>;
  /** 1–50. */
  capacity?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  /** At least one when given. */
  specialities?: InputMaybe<Array<DisputeCategory>>;
};

export type UpdateRegionInput = {
  id: Scalars['ID']['input'];
  location?: InputMaybe<LatLngInput>;
  name?: InputMaybe<Scalars['String']['input']>;
  shape?: InputMaybe<Scalars['GeoJSON']['input']>;
};

/** Only the fields given change; null clears an optional field. Changing class, unit, grid or building reissues the number. */
export type UpdateStewardInput = {
  building?: InputMaybe<Scalars['String']['input']>;
  class?: InputMaybe<Scalars['Int']['input']>;
  deliberationRole?: InputMaybe<DeliberationRole>;
  grid?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
  reportsToId?: InputMaybe<Scalars['ID']['input']>;
  sentinelRole?: InputMaybe<SentinelRole>;
  unitId?: InputMaybe<Scalars['ID']['input']>;
};

/** Without id: a new item (community, list and title required). With id: fields left out keep their value; community and list never change. */
export type UpsertCommitteeItemInput = {
  /** A community path. */
  community?: InputMaybe<Scalars['String']['input']>;
  /** At most 2000 characters. */
  detail?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
  list?: InputMaybe<CommitteeListName>;
  /** The member unit (驻区单位), at most 80 characters. */
  ownerUnit?: InputMaybe<Scalars['String']['input']>;
  /** Default open for a new item. */
  state?: InputMaybe<CommitteeItemState>;
  /** 1–120 characters. */
  title?: InputMaybe<Scalars['String']['input']>;
};

/** online: a member of the household voted; paper: a paper ballot (纸质选票) entered by the building head or grid staff. */
export type VoteChannel =
  | 'online'
  | 'paper';

/** A lottery voucher (积分奖券), issued for a five-star rated completion. */
export type Voucher = {
  __typename?: 'Voucher';
  claimId: Scalars['ID']['output'];
  county: Scalars['String']['output'];
  /** The draw it won in. */
  drawId?: Maybe<Scalars['ID']['output']>;
  id: Scalars['ID']['output'];
  issuedAt: Scalars['String']['output'];
  /** Its rank in that draw (1 first). */
  rank?: Maybe<Scalars['Int']['output']>;
  status: VoucherStatus;
  stewardId: Scalars['ID']['output'];
  /** The task whose five-star completion issued it. */
  task?: Maybe<Task>;
  taskId: Scalars['ID']['output'];
};

export type VoucherConnection = {
  __typename?: 'VoucherConnection';
  items: Array<Voucher>;
  pageInfo: PageInfo;
};

/** held (in the next draws), won (drawn in a lottery). */
export type VoucherStatus =
  | 'held'
  | 'won';

/** An endpoint that receives a county's (or the city's) events, signed (docs/integrators.md, Webhooks). */
export type Webhook = {
  __typename?: 'Webhook';
  /** false: nothing is sent (deliveries wait until it is switched on again). */
  active: Scalars['Boolean']['output'];
  createdAt: Scalars['String']['output'];
  createdBy: Scalars['ID']['output'];
  /** Event types (gov.petitions.petition.submitted.v1) and service wildcards (gov.petitions.*). */
  eventTypes: Array<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** A county (jingmen/dongbao), or the city (jingmen) for every county’s events. */
  region: Scalars['String']['output'];
  updatedAt: Scalars['String']['output'];
  /** Where deliveries are POSTed. */
  url: Scalars['String']['output'];
};

/** One try of a delivery. */
export type WebhookAttempt = {
  __typename?: 'WebhookAttempt';
  at: Scalars['String']['output'];
  durationMs: Scalars['Int']['output'];
  /** Why it failed; null for a 2xx. */
  error?: Maybe<Scalars['String']['output']>;
  /** The receiver's HTTP status; null when no answer came. */
  status?: Maybe<Scalars['Int']['output']>;
};

/** One event sent (or to be sent) to one webhook. */
export type WebhookDelivery = {
  __typename?: 'WebhookDelivery';
  /** The latest tries, newest first (at most 20). */
  attemptLog: Array<WebhookAttempt>;
  /** Tries so far (a replay starts again from 0; attemptLog keeps every try). */
  attempts: Scalars['Int']['output'];
  /** The CloudEvents JSON POSTed (exactly the signed bytes). */
  body: Scalars['String']['output'];
  createdAt: Scalars['String']['output'];
  deliveredAt?: Maybe<Scalars['String']['output']>;
  /** The CloudEvents id: the same event reaches a webhook once (use it to drop duplicates). */
  eventId: Scalars['ID']['output'];
  eventType: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  lastError?: Maybe<Scalars['String']['output']>;
  lastStatus?: Maybe<Scalars['Int']['output']>;
  /** When a pending delivery is tried next. */
  nextAttemptAt?: Maybe<Scalars['String']['output']>;
  state: WebhookDeliveryState;
  webhookId: Scalars['ID']['output'];
};


/** One event sent (or to be sent) to one webhook. */
export type WebhookDeliveryAttemptLogArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type WebhookDeliveryConnection = {
  __typename?: 'WebhookDeliveryConnection';
  items: Array<WebhookDelivery>;
  pageInfo: PageInfo;
};

/** pending: being tried (or waiting for its next try); delivered: a try was answered 2xx; dead: every try failed (replay it to send it again). */
export type WebhookDeliveryState =
  | 'dead'
  | 'delivered'
  | 'pending';

/** A webhook with its signing secret. The secret is shown only here: store it now. */
export type WebhookWithSecret = {
  __typename?: 'WebhookWithSecret';
  /** The HMAC-SHA256 key of gov-webhook-signature: the whole string, as UTF-8. */
  secret: Scalars['String']['output'];
  webhook: Webhook;
};

/** A community summoning a department to a petition (社区吹哨、部门报到); the department reports (acknowledges) within a limit. */
export type Whistle = {
  __typename?: 'Whistle';
  /** When the department must have reported. */
  ackDeadline: Scalars['String']['output'];
  acknowledgedAt?: Maybe<Scalars['String']['output']>;
  acknowledgedBy?: Maybe<Scalars['ID']['output']>;
  blownAt: Scalars['String']['output'];
  /** The account that blew it. */
  blownBy: Scalars['ID']['output'];
  /** The community that blew it. */
  community: Scalars['String']['output'];
  departmentId: Scalars['ID']['output'];
  departmentName: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** Reported after the deadline, or not yet and the deadline has passed. */
  late: Scalars['Boolean']['output'];
  petitionId: Scalars['ID']['output'];
  reason: Scalars['String']['output'];
  urgency: WhistleUrgency;
};

/** How soon the department must report: normal within 24 h, urgent within 2 h. */
export type WhistleUrgency =
  | 'normal'
  | 'urgent';
