// Business time comes from ctx.clock (tests inject one); Agenda runs on the wall clock. A job due
// at a business instant is therefore saved at the wall-clock instant the same distance ahead, so
// it fires when the injected clock reaches the instant. With the system clock this is identity.
import type { Clock } from '../clock';

export function jobInstant(clock: Clock, at: Date): Date {
  return new Date(Date.now() + (at.getTime() - clock.now().getTime()));
}
