// Assignment notices to the outside world; retried with backoff, since SMTP servers and Twilio
// have bad minutes. The handler throws on a failed delivery so Agenda retries it.
import type { AppContext } from '../context';
import { sendAssignedEmail, sendAssignedSms } from './notifications';
import { JOB, type AssignedNoticeJob } from '../jobs/names';

export function defineNotifyJobs(ctx: AppContext): void {
  ctx.jobs.define<AssignedNoticeJob>(JOB.assignedEmail, (data) => sendAssignedEmail(ctx, data), { attempts: 5, removeOnComplete: true });
  ctx.jobs.define<AssignedNoticeJob>(JOB.assignedSms, (data) => sendAssignedSms(ctx, data), { attempts: 5, removeOnComplete: true });
}
