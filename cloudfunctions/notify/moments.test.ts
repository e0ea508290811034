/** The app's subscribe moments (src/domain/subscribe.ts) against the templates and their producers. */
import fs from 'fs';
import path from 'path';
import { builtTemplateIds, idsAt, MOMENTS, type Audience, type MomentName } from '../../src/domain/subscribe';
import { TEMPLATES, templateIds } from './templates';
import { templatesForCli } from '../../scripts/deploy';

/**
 * Who receives each template, from its producers (the outbox rows' `toOpenid`):
 *   appointment/book.ts        newBooking → expert; bookingResult (auto-confirmed) → enterprise;
 *                              appointmentReminder → enterprise and expert
 *   appointment/confirm.ts, complete.ts   bookingResult → enterprise
 *   appointment/cancel.ts, expire.ts      bookingCancelled → expert and enterprise
 *   demand/shared.ts           demandAssigned → the handler; demandProgress → the contact (or, for a 投诉建议, the
 *                              person) who filed it; demandNew → the admins (new demands, 不满意 for 重办)
 *   demand/answerInfo.ts       demandAssigned → the handler (the enterprise answered)
 *   demand/sweep.ts            demandDue → the handler (the admins while unassigned); demandOverdue → admins and handler
 *   volunteer/seats.ts, cancelActivity.ts, updateActivity.ts volunteerPromoted, volunteerCancelled, volunteerChanged → the volunteer
 *   volunteer/remind.ts        volunteerReminder → the volunteer
 *   policy/notices.ts          policyMatched, policyDeadline → the enterprise's contacts
 *   study/remind.ts            studyReminder → the member
 *   party/remind.ts            partyReminder → the branch secretary
 *   org/remind.ts              partyReminder (三会一课 still due) → the branch secretary
 */
const RECIPIENTS: Record<string, Audience[]> = {
  newBooking: ['expert'],
  bookingResult: ['enterprise'],
  appointmentReminder: ['enterprise', 'expert'],
  bookingCancelled: ['enterprise', 'expert'],
  demandAssigned: ['handler'],
  demandProgress: ['enterprise', 'citizen'],
  demandNew: ['admin'],
  demandDue: ['handler', 'admin'],
  demandOverdue: ['handler', 'admin'],
  volunteerPromoted: ['volunteer'],
  volunteerChanged: ['volunteer'],
  volunteerCancelled: ['volunteer'],
  volunteerReminder: ['volunteer'],
  policyMatched: ['enterprise'],
  policyDeadline: ['enterprise'],
  studyReminder: ['member'],
  partyReminder: ['secretary'],
};

/** Template keys the back end queues (`template: '<key>'` in shipped code under cloudfunctions/). */
function producedTemplates(): Set<string> {
  const root = path.resolve(__dirname, '..');
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(p);
      } else if (/\.ts$/.test(e.name) && !/\.(test|testkit)\.ts$/.test(e.name)) {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/template: '(\w+)'/g)) found.add(m[1]);
      }
    }
  };
  walk(root);
  return found;
}

const moments = Object.entries(MOMENTS) as [MomentName, (typeof MOMENTS)[MomentName]][];

test('every_moment_asks_for_at_most_three_known_templates_once_each', () => {
  for (const [, m] of moments) {
    expect(m.templates.length).toBeGreaterThan(0);
    expect(m.templates.length).toBeLessThanOrEqual(3);
    expect(new Set(m.templates).size).toBe(m.templates.length);
    for (const t of m.templates) expect(Object.keys(TEMPLATES)).toContain(t);
  }
});

test('a_moment_asks_only_for_templates_its_audience_receives', () => {
  for (const [name, m] of moments) {
    for (const t of m.templates) expect([name, t, RECIPIENTS[t]]).toEqual([name, t, expect.arrayContaining([m.audience])]);
  }
});

test('every_template_with_a_producer_is_asked_for_at_some_moment_of_each_of_its_recipients', () => {
  const produced = producedTemplates();
  // The scan sees the producers (guards the scan itself).
  expect(produced).toEqual(new Set(['newBooking', 'bookingResult', 'appointmentReminder', 'bookingCancelled', 'demandAssigned', 'demandProgress', 'demandNew', 'demandDue', 'demandOverdue', 'volunteerPromoted', 'volunteerChanged', 'volunteerCancelled', 'volunteerReminder', 'policyMatched', 'policyDeadline', 'studyReminder', 'partyReminder']));
  const missing: string[] = [];
  for (const t of produced) {
    expect([t, TEMPLATES[t] ? 'has a spec' : 'no spec']).toEqual([t, 'has a spec']);
    expect([t, RECIPIENTS[t] ? 'recipients known' : 'recipients unknown']).toEqual([t, 'recipients known']);
    for (const who of RECIPIENTS[t]) {
      if (!moments.some(([, m]) => m.audience === who && (m.templates as readonly string[]).includes(t))) missing.push(`${t} → ${who}`);
    }
  }
  expect(missing).toEqual([]);
});

test('the_ids_asked_for_are_the_moments_templates_this_build_has_ids_for_at_most_three', () => {
  const all = Object.fromEntries(Object.keys(TEMPLATES).map((k) => [k, `id-${k}`]));
  expect(idsAt('book', all)).toEqual(['id-bookingResult', 'id-appointmentReminder', 'id-bookingCancelled']);
  expect(idsAt('volunteerSignUp', all)).toEqual(['id-volunteerReminder', 'id-volunteerChanged', 'id-volunteerCancelled']);
  expect(idsAt('volunteerWaitlist', all)).toEqual(['id-volunteerPromoted', 'id-volunteerReminder', 'id-volunteerChanged']);
  // Keys without an id are skipped; nothing configured means nothing asked (no prompt at all).
  expect(idsAt('book', { bookingResult: 'A', newBooking: 'N' })).toEqual(['A']);
  expect(idsAt('study', {})).toEqual([]);
  // One id registered for two keys is asked for once.
  expect(idsAt('publishSlots', { newBooking: 'X', appointmentReminder: 'X', bookingCancelled: 'Y' })).toEqual(['X', 'Y']);
  for (const [name] of moments) expect(idsAt(name, all).length).toBeLessThanOrEqual(3);
});

test('the_app_reads_the_deployments_pairs_exactly_as_the_notify_function_does', () => {
  const json = '{"bookingResult":"AbC-12_x","newBooking":"ZZ9","studyReminder":"s1"}';
  const pairs = templatesForCli(json); // what npm run deploy and npm run upload/preview pass on
  expect(pairs).toBe('bookingResult=AbC-12_x,newBooking=ZZ9,studyReminder=s1');
  for (const raw of [json, pairs, ' a = 1 , broken, =x ,b=', '']) expect(builtTemplateIds(raw)).toEqual(templateIds(raw));
  expect(builtTemplateIds(pairs)).toEqual({ bookingResult: 'AbC-12_x', newBooking: 'ZZ9', studyReminder: 's1' });
  // Malformed JSON: nothing asked (the notify function logs and sends nothing either).
  expect(builtTemplateIds('{"bookingResult":')).toEqual({});
  expect(idsAt('expertDesk', builtTemplateIds(pairs))).toEqual(['ZZ9']);
});
