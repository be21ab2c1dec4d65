// The schemas are the contract's (shared/contract); this file keeps what only the server needs.
import { isPlainObject } from '../../domain/validation';
import { validateSchedule } from '../../domain/schedule';
import { fieldErrors } from '../../errors';

export { idParams } from '../../../shared/contract/common';
export { profilePatchBody as profileBody } from '../../../shared/contract/members';

/**
 * A `transform` hook that runs the domain's schedule rules (times, overlaps, zones — what a
 * schema cannot say) before the schema: a bad interval is then reported as
 * `body.schedule.weekly.mon[0].start` rather than as the whole nullable union.
 */
export function scheduleFirst({ body }: { body?: unknown }): void {
  if (isPlainObject(body) && body.schedule !== null && body.schedule !== undefined) {
    const error = fieldErrors(validateSchedule(body.schedule, 'body.schedule'));
    if (error) throw error;
  }
}
