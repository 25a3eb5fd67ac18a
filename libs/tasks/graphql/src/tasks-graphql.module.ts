import { Module } from '@nestjs/common';
import { DutyResolver } from './duty.resolver.js';
import { MicroWishResolver } from './micro-wish.resolver.js';
import { PointsResolver } from './points.resolver.js';
import { RankingsResolver } from './rankings.resolver.js';
import { RewardsResolver, VoucherResolver } from './rewards.resolver.js';
import { TaskResolver } from './task.resolver.js';
import { TaskSubscriptions } from './task.subscriptions.js';

/**
 * Tasks's part of the gateway schema. Resolvers only translate GraphQL to tasks's
 * subjects: every rule lives in the service. Needs the gateway's GraphQLModule and its
 * per-request GqlContext (@gov/platform-graphql).
 */
@Module({ providers: [TaskResolver, PointsResolver, DutyResolver, RewardsResolver, VoucherResolver, RankingsResolver, MicroWishResolver, TaskSubscriptions] })
export class TasksGraphqlModule {}
