// GET /metrics on the main port: Prometheus text for operators, behind METRICS_TOKEN (Bearer).
// Without the token it does not exist here (404), also when METRICS_PORT serves it elsewhere.
import { Elysia, t } from 'elysia';
import type { AppContext } from '../../context';
import { notFound, unauthenticated } from '../../errors';
import { metricsAccess } from '../../metrics/access';
import { metricsAnswer, metricsOf } from './install';

export function metricsModule(ctx: AppContext) {
  return new Elysia().get(
    '/metrics',
    async ({ request }) => {
      const metrics = metricsOf(ctx);
      const access = metricsAccess(ctx.config.metrics, request.headers.get('authorization'), false);
      if (metrics === null || access === 'off') throw notFound('Route');
      if (access === 'denied') throw unauthenticated('Send the metrics token as Authorization: Bearer <METRICS_TOKEN>');
      return metricsAnswer(metrics);
    },
    { response: { 200: t.String({ description: 'Prometheus text exposition format' }) }, detail: { summary: 'Operator metrics (Prometheus text; METRICS_TOKEN)', tags: ['system'] } },
  );
}
