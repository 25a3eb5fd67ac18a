import { PetitionsEvents, type ProposalResultView } from '@gov/petitions-contracts';
import { ProposalRepository } from '@gov/petitions-data-access';
import { SWEEP_BATCH } from '@gov/petitions-domain';
import { Outbox } from '@gov/platform-outbox';
import { LOGGER, SCHEMA_READY, SERVICE_CONFIG, TransactionRunner } from '@gov/platform-service';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import type { PetitionsConfig } from '../config.js';
import { resultOf } from './proposal-tally.js';

/**
 * Decides the proposals whose voting has ended: freezes the count (turnout, every question,
 * adopted or not) and publishes `proposal.decided`, once per proposal. Every replica sweeps on the
 * clock timer (CLOCK_SWEEP_MS); a transaction-level advisory lock lets one of them decide at a time
 * and the others skip the pass, and a proposal is only ever decided from undecided, so running the
 * sweep twice — side by side or one after the other — announces nothing twice.
 */
@Injectable()
export class ProposalDecider implements OnModuleInit, OnModuleDestroy {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly proposals: ProposalRepository,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: PetitionsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SCHEMA_READY) _schemaReady: unknown,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep().catch((err) => this.logger.warn({ err }, 'proposal decision sweep failed')), this.config.CLOCK_SWEEP_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Decides every proposal whose voting ended at or before `now`, in batches; answers the results it froze (none when another replica holds the lock). */
  async sweep(now = new Date()): Promise<ProposalResultView[]> {
    const decided: ProposalResultView[] = [];
    for (;;) {
      const batch = await this.tx.run(async (em) => {
        if (!(await this.proposals.tryDeciderLock(em))) return null;
        const due = await this.proposals.lockDue(em, now, SWEEP_BATCH);
        const results: ProposalResultView[] = [];
        for (const p of due) {
          const result = resultOf(p, await this.proposals.tally(em, p), 'decided', now);
          if (!(await this.proposals.decide(em, p.id, now, result.adopted, result))) continue;
          await this.outbox.add(em, { ...PetitionsEvents.proposalDecided, region: p.region, subjectId: p.id, data: { ...result, title: p.title, region: p.region } });
          results.push(result);
        }
        return { results, full: due.length === SWEEP_BATCH };
      });
      if (!batch) return decided;
      decided.push(...batch.results);
      if (batch.results.length) this.logger.info({ proposals: batch.results.map((r) => r.proposalId) }, 'proposals decided');
      if (!batch.full) return decided;
    }
  }
}
