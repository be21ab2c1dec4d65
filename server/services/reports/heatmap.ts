// Busiest hours: the database counts chats per UTC quarter hour, domain/heatmap.ts turns the
// quarters into local weekday × hour cells (luxon, the organization's zone, DST-correct).
import { WEEKDAYS } from '../../../shared/types/enums';
import type { AppContext } from '../../context';
import type { ObjectId } from '../../db/ids';
import type { ScopedFilter } from '../../db/types';
import { HEATMAP_BUCKET_MS, emptyHeatmap, heatmapFromBuckets, type HeatmapBucket } from '../../domain/heatmap';

export async function busiestHours(ctx: AppContext, orgId: ObjectId, match: ScopedFilter, zone: string, any: boolean) {
  const buckets = any
    ? await ctx.repos.forOrg(orgId).chats.aggregate<{ _id: number; count: number }>([
        { $match: match },
        { $group: { _id: { $floor: { $divide: [{ $subtract: ['$createdAt', new Date(0)] }, HEATMAP_BUCKET_MS] } }, count: { $sum: 1 } } },
      ])
    : [];
  const counts = buckets.length > 0 ? heatmapFromBuckets(buckets.map((b): HeatmapBucket => ({ bucket: b._id, count: b.count })), zone) : emptyHeatmap();
  return { weekdays: [...WEEKDAYS], counts, max: Math.max(0, ...counts.flat()) };
}
