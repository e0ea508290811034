/**
 * Appointment figures for the admin dashboard, grouped in the database (two aggregations,
 * whatever the number of bookings). A booking counts in the period of its appointment time.
 */
import { cmd, col, during } from '../../server/core/db';
import type { Range } from '../../server/core/range';
import type { BookingState } from './docs';
import { STATE_LABEL } from './stateMachine';

export interface TeamFigure {
  teamId: string;
  teamName: string;
  bookings: number;
  served: number;
  rated: number;
  /** Mean score of rated bookings (1–5), null when none is rated. */
  satisfaction: number | null;
}

export async function appointmentFigures(r: Range) {
  const _ = cmd();
  const $ = _.aggregate;
  const match = { startAt: during(r.start, r.end) };
  const [byTeam, byState] = (await Promise.all([
    col('bookings')
      .aggregate()
      .match(match)
      .group({
        _id: '$teamId',
        teamName: $.first('$teamName'),
        bookings: $.sum(1),
        served: $.sum($.cond({ if: $.in(['$state', ['served', 'rated']]), then: 1, else: 0 })),
        rated: $.sum($.cond({ if: $.gt(['$score', 0]), then: 1, else: 0 })),
        satisfaction: $.avg('$score'),
      })
      .sort({ bookings: -1 })
      .limit(50)
      .end(),
    col('bookings').aggregate().match(match).group({ _id: '$state', n: $.sum(1) }).limit(20).end(),
  ])) as [{ data: { _id: string; teamName: string; bookings: number; served: number; rated: number; satisfaction: number | null }[] }, { data: { _id: string; n: number }[] }];
  const teams: TeamFigure[] = byTeam.data.map((t) => ({
    teamId: String(t._id),
    teamName: t.teamName,
    bookings: t.bookings,
    served: t.served,
    rated: t.rated,
    satisfaction: t.rated > 0 && typeof t.satisfaction === 'number' ? Math.round(t.satisfaction * 100) / 100 : null,
  }));
  // In life-cycle order, with the state names the appointment pages use.
  const counts = new Map(byState.data.map((s) => [String(s._id), s.n]));
  const states = (Object.keys(STATE_LABEL) as BookingState[])
    .filter((k) => (counts.get(k) ?? 0) > 0)
    .map((k) => ({ state: k, label: STATE_LABEL[k], count: counts.get(k) ?? 0 }));
  const rated = teams.reduce((n, t) => n + t.rated, 0);
  const scoreSum = teams.reduce((n, t) => n + (t.satisfaction ?? 0) * t.rated, 0);
  return {
    total: teams.reduce((n, t) => n + t.bookings, 0),
    byTeam: teams,
    byState: states,
    satisfaction: rated > 0 ? Math.round((scoreSum / rated) * 100) / 100 : null,
  };
}
