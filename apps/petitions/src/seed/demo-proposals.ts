import { parseInput, type Actor } from '@gov/kernel';
import { CastVoteInput, CreateProposalInput, PaperBallotInput } from '@gov/petitions-contracts';
import { DemoRepository, type DemoHousehold } from '@gov/petitions-data-access';
import { communityOfRegion } from '@gov/petitions-domain';
import { DB_SCHEMA } from '@gov/platform-persistence';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type { INestApplicationContext } from '@nestjs/common';
import { ProposalService } from '../proposal/proposal.service.js';
import { prng } from './demo-plan.js';
import { DEMO_SEED_ACCOUNT_ID, type DemoGrid } from './demo-territory.js';

const DAY_MS = 86_400_000;
const SEED = 20260415;

/** The renovation ballot: opened three weeks ago, discussed for two, voting for a week more. */
const RENOVATION = { openedDaysAgo: 20, discussionEndedDaysAgo: 6, votingEndsInDays: 8, quorum: 0.5 };
/** Households that have voted so far, and of them those agreeing with the proposal on each of the four questions. */
const RENOVATION_TURNOUT = 0.84;
const RENOVATION_AGREE = [0.92, 0.86, 0.82, 0.74];
/** The after-school class proposal: raised two days ago, under discussion for five more days. */
const AFTER_SCHOOL = { openedDaysAgo: 2, discussionEndsInDays: 5, votingEndsInDays: 12, quorum: 0.3 };
/** A renovation ballot needs enough households for two thirds to mean something. */
const MIN_RENOVATION_HOUSEHOLDS = 6;

export interface DemoProposalsResult {
  proposals: number;
  ballots: number;
  paperBallots: number;
}

/**
 * Residents' proposals (居民提案) through the proposals service: an old-compound renovation ballot
 * in one compound — the four questions each needing two thirds of its households (四个三分之二) —
 * with most households' ballots in (online by a member, the rest on paper entered by the grid
 * worker), and a resident's after-school class proposal (四点半课堂) still under discussion in
 * another community. Households are petitions' read model of grids' registry.
 */
export async function seedDemoProposals(app: INestApplicationContext, grids: readonly DemoGrid[], log: (line: string) => void, now = new Date()): Promise<DemoProposalsResult> {
  const demo = new DemoRepository(app.get<string>(DB_SCHEMA));
  const proposals = app.get(ProposalService);
  const em = () => app.get(MikroORM).em.fork() as EntityManager;
  const rand = prng(SEED);
  const result: DemoProposalsResult = { proposals: 0, ballots: 0, paperBallots: 0 };
  const iso = (days: number) => new Date(now.getTime() + days * DAY_MS).toISOString();

  // The old compound: the first compound of the largest urban community whose households grids has registered.
  const gridsOf = (community: string) => grids.filter((g) => g.community === community).length;
  const urban = grids.filter((g) => !g.village && g.buildings.length).sort((a, b) => gridsOf(b.community) - gridsOf(a.community) || a.path.localeCompare(b.path));
  let renovation: { grid: DemoGrid; compound: string; name: string; households: DemoHousehold[] } | null = null;
  for (const grid of urban) {
    const compound = grid.buildings[0]!;
    const households = await demo.households(em(), compound.compound);
    if (households.length >= MIN_RENOVATION_HOUSEHOLDS) {
      renovation = { grid, compound: compound.compound, name: compound.compoundName, households };
      break;
    }
  }
  if (renovation) {
    const { grid, compound, name, households } = renovation;
    const community = communityOfRegion(compound)!;
    const admin = staffActor(`${lastSegment(community)}-admin`, 'community_admin', community);
    const created = await proposals.create(
      admin,
      parseInput(CreateProposalInput, {
        title: `${name}老旧小区改造方案表决`,
        body:
          `${name}建成于上世纪九十年代，管网老化、屋面渗漏、无电梯、停车难问题突出，已列入今年城镇老旧小区改造计划。` +
          '社区会同设计单位三次入户征求意见、两次召开居民议事会，形成改造方案：更换雨污水管网和屋面防水，外墙保温，加装电梯，增设充电桩和适老扶手，改造后引入红色物业。' +
          '按照“四个三分之二”的要求，每个事项须经小区三分之二以上住户同意方可实施，请每户投票一次。',
        region: compound,
        questions: [
          { text: '是否同意对本小区实施老旧小区改造？', options: ['同意', '不同意'], threshold: 'two_thirds' },
          { text: '是否同意社区公示的改造方案（管网更换、屋面防水、外墙保温）？', options: ['同意公示方案', '不同意，需修改'], threshold: 'two_thirds' },
          { text: '增设哪些设施？', options: ['加装电梯、充电桩和适老扶手', '只增设充电桩和适老扶手', '不增设'], threshold: 'two_thirds' },
          { text: '改造后由谁管理？', options: ['引入红色物业服务企业', '业主自治管理', '社区托管'], threshold: 'two_thirds' },
        ],
        quorum: RENOVATION.quorum,
        discussionEndsAt: iso(-RENOVATION.discussionEndedDaysAgo),
        votingEndsAt: iso(RENOVATION.votingEndsInDays),
      }),
    );
    await demo.backdateProposal(em(), created.id, new Date(now.getTime() - RENOVATION.openedDaysAgo * DAY_MS));
    result.proposals++;
    const voters = shuffle(households, rand).slice(0, Math.round(households.length * RENOVATION_TURNOUT));
    const gridWorker = staffActor(`${lastSegment(community)}-${lastSegment(grid.path)}-grid`, 'grid_worker', grid.path);
    for (const [i, h] of voters.entries()) {
      // The first `share × voters` agree with the proposal on each question; the others choose another option.
      const answers = RENOVATION_AGREE.map((share, q) => (i < Math.round(share * voters.length) ? 0 : 1 + (q === 2 || q === 3 ? Math.floor(rand() * 2) : 0)));
      const member = h.memberPersonIds[0];
      if (member) {
        await proposals.castVote(residentActor(member, h.region), parseInput(CastVoteInput, { proposalId: created.id, answers }));
      } else {
        await proposals.enterPaperBallot(gridWorker, parseInput(PaperBallotInput, { proposalId: created.id, householdId: h.id, answers, note: `楼栋长上门收回纸质选票（${h.number}户主签字）` }));
        result.paperBallots++;
      }
      result.ballots++;
    }
  }

  // The after-school class: raised in another community (of the other county where there is one) by a resident, else its admin.
  const elsewhere = (g: DemoGrid) => !renovation || g.community !== renovation.grid.community;
  const other = urban.find((g) => elsewhere(g) && g.county !== renovation?.grid.county) ?? urban.find(elsewhere) ?? urban[0];
  if (other) {
    const households = await demo.households(em(), other.community);
    const proposer = households.find((h) => h.memberPersonIds.length);
    const actor = proposer ? residentActor(proposer.memberPersonIds[0]!, proposer.region) : staffActor(`${lastSegment(other.community)}-admin`, 'community_admin', other.community);
    const created = await proposals.create(
      actor,
      parseInput(CreateProposalInput, {
        title: `在${other.communityName}开设“四点半课堂”的提案`,
        body:
          '小区双职工家庭多，孩子下午四点半放学后没人接、没人管，只能在小区里乱跑或去收费托管班。' +
          '建议利用社区党群服务中心活动室开设“四点半课堂”，由退休教师、大学生志愿者和在职党员轮流值守，提供作业辅导、阅读和手工活动，家长下班后接回。请各位居民讨论并投票。',
        region: other.community,
        questions: [
          { text: '是否同意在社区党群服务中心开设“四点半课堂”？', options: ['同意', '不同意'], threshold: 'simple_majority' },
          { text: '课堂开放时间', options: ['周一至周五 16:30—18:30', '每周一、三、五 16:30—18:30'], threshold: 'simple_majority' },
          { text: '费用方式', options: ['公益免费，志愿者授课', '每月收取不超过50元材料费'], threshold: 'simple_majority' },
        ],
        quorum: AFTER_SCHOOL.quorum,
        discussionEndsAt: iso(AFTER_SCHOOL.discussionEndsInDays),
        votingEndsAt: iso(AFTER_SCHOOL.votingEndsInDays),
      }),
    );
    await demo.backdateProposal(em(), created.id, new Date(now.getTime() - AFTER_SCHOOL.openedDaysAgo * DAY_MS));
    result.proposals++;
  }
  log(`demo seed: ${result.proposals} proposals, ${result.ballots} ballots (${result.paperBallots} on paper)${renovation ? '' : '; no compound with registered households for the renovation ballot'}`);
  return result;
}

function staffActor(username: string, role: 'community_admin' | 'grid_worker', region: string): Actor {
  return { accountId: DEMO_SEED_ACCOUNT_ID, personId: null, username, grants: [{ role, region }] };
}

/** A member of a household, signed in as a resident of its building. */
function residentActor(personId: string, region: string): Actor {
  return { accountId: DEMO_SEED_ACCOUNT_ID, personId, username: `resident-${personId.slice(0, 8)}`, grants: [{ role: 'resident', region }] };
}

function lastSegment(path: string): string {
  return path.split('/').at(-1)!;
}

function shuffle<T>(xs: readonly T[], rand: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
