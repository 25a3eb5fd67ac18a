import { AppError } from '@gov/kernel';
import { PetitionRefusal } from '@gov/petitions-contracts';
import type { AttachmentRecord } from '@gov/petitions-data-access';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, attachmentStoreFromConfig, type AttachmentStore } from '@gov/platform-storage';
import { SERVICE_CONFIG } from '@gov/platform-service';
import { Inject, Injectable } from '@nestjs/common';
import type { PetitionsConfig } from '../config.js';

/** Not uploaded, or bound to a petition already: one answer, so nobody learns which. */
export const attachmentUnavailable = (id: string) => new AppError('NOT_FOUND', `attachment ${id} is not an upload of yours`, PetitionRefusal.ATTACHMENT_MISSING);

/**
 * Uploads reach the attachment store through the gateway (POST /uploads); a petition binds them
 * only after checking them here, in the same store: present, an image, within the size limit.
 */
@Injectable()
export class AttachmentCheck {
  private readonly store: AttachmentStore;

  constructor(@Inject(SERVICE_CONFIG) config: PetitionsConfig) {
    this.store = attachmentStoreFromConfig(config);
  }

  async check(ids: readonly string[], petitionId: string, purpose: AttachmentRecord['purpose']): Promise<AttachmentRecord[]> {
    const out: AttachmentRecord[] = [];
    for (const id of new Set(ids)) {
      const meta = await this.store.stat(id);
      if (!meta) throw attachmentUnavailable(id);
      if (!(ATTACHMENT_TYPES as readonly string[]).includes(meta.contentType)) throw new AppError('VALIDATION', 'attachments must be JPEG, PNG or WebP images', PetitionRefusal.ATTACHMENT_NOT_IMAGE);
      if (meta.bytes > MAX_ATTACHMENT_BYTES) throw new AppError('VALIDATION', `attachments may be at most ${MAX_ATTACHMENT_BYTES} bytes`, PetitionRefusal.ATTACHMENT_TOO_LARGE);
      out.push({ id, petitionId, purpose, contentType: meta.contentType, bytes: meta.bytes });
    }
    return out;
  }
}
