/**
 * Star distribution (星级分布) of the finalised quarterly ratings, for the admin console. Drafts do
 * not count: only a finalised rating has its stars fixed (and its 红星津贴 paid). One aggregation:
 * finalised ratings of quarters up to `uptoQuarter`, counted by quarter and stars, newest quarter
 * first; the latest quarter that has any is the one shown.
 */
import { cmd, col } from '../../server/core/db';

export interface StarFigures {
  /** The latest finalised quarter up to the one asked for; null when none is finalised yet. */
  quarter: string | null;
  /** Organisations rated in that quarter, per star count 0…5 (0 = below every band). */
  byStars: { stars: number; branches: number; allowance: number }[];
  rated: number;
}

export async function starFigures(uptoQuarter: string): Promise<StarFigures> {
  const _ = cmd();
  const $ = _.aggregate;
  const { data } = (await col('ratings')
    .aggregate()
    .match({ status: 'final', quarter: _.lte(uptoQuarter) })
    .group({ _id: { quarter: '$quarter', stars: '$stars' }, branches: $.sum(1), allowance: $.sum('$allowance') })
    .sort({ '_id.quarter': -1 })
    // Six star counts per quarter: the newest quarter is within the first rows.
    .limit(6)
    .end()) as { data: { _id: { quarter: string; stars: number }; branches: number; allowance: number }[] };
  const quarter = data[0]?._id.quarter ?? null;
  const rows = data.filter((r) => r._id.quarter === quarter);
  const byStars = [5, 4, 3, 2, 1, 0].map((stars) => {
    const r = rows.find((x) => x._id.stars === stars);
    return { stars, branches: r?.branches ?? 0, allowance: r?.allowance ?? 0 };
  });
  return { quarter, byStars, rated: rows.reduce((s, r) => s + r.branches, 0) };
}
