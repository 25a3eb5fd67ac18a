import type { Page } from '@gov/kernel';
import { IdentityRpc, type AuditEntryView } from '@gov/identity-contracts';
import { connection, requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, Int, Query, Resolver } from '@nestjs/graphql';
import { AuditConnection, type AuditEntry } from './audit.types.js';

@Resolver(() => AuditConnection)
export class AuditResolver {
  @Query(() => AuditConnection, { description: 'Audit entries of regions you administer, newest first.' })
  async auditLog(
    @Context() ctx: GqlContext,
    @Args('region', { nullable: true }) region?: string,
    @Args('targetId', { nullable: true }) targetId?: string,
    @Args('operation', { nullable: true }) operation?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    requireSignedIn(ctx);
    const page = await ctx.call<Page<AuditEntryView>>(IdentityRpc.auditList, { region, targetId, operation, first: first ?? undefined, after });
    return connection<AuditEntry>({ ...page, items: page.items.map((e) => ({ ...e, detail: e.detail ? JSON.stringify(e.detail) : null })) });
  }
}
