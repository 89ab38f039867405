import { z } from 'zod';
import { DraftId } from '../../shared/schemas/draft.ts';

/** Bytes above this are not carried in an announcement: receivers read the update from the log. */
export const MAX_ANNOUNCED_BYTES = 256 * 1024;

/**
 * What an instance says on Redis after it committed a batch of a draft's updates: which numbers
 * of the log they took and, when small, their bytes (the batch merged into one update). A hint,
 * never the log: Redis pub/sub delivers at most once, and a receiver that sees a gap reads it
 * from the log.
 */
export const UpdateAnnouncement = z
  .object({
    draft: DraftId,
    /** The announcing instance, so that it can ignore its own. */
    instance: z.string().min(1).max(64),
    firstSeq: z.number().int().min(1),
    lastSeq: z.number().int().min(1),
    /** The merged update of `firstSeq`..`lastSeq`, base64. */
    bytes: z
      .string()
      .max(Math.ceil(MAX_ANNOUNCED_BYTES / 3) * 4)
      .optional(),
  })
  .refine((a) => a.lastSeq >= a.firstSeq, 'lastSeq before firstSeq');
export type UpdateAnnouncement = z.infer<typeof UpdateAnnouncement>;

/** An announcement as received: null for anything else (Redis is shared, its messages not trusted). */
export function parseUpdateAnnouncement(draftId: string, message: string): UpdateAnnouncement | null {
  try {
    const parsed = UpdateAnnouncement.safeParse(JSON.parse(message));
    return parsed.success && parsed.data.draft === draftId ? parsed.data : null;
  } catch (_notJson: unknown) {
    return null;
  }
}
