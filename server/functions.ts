/**
 * Every cloud function's action table, by function name. The local gateway routes
 * `POST /api/<name>` through this map, the guards (role matrix, bad-input sweep) iterate it,
 * and the front end imports its *type* so every call is checked.
 */
import { actions as user } from '../cloudfunctions/user/function';
import { actions as checkin } from '../cloudfunctions/checkin/function';
import { actions as appointment } from '../cloudfunctions/appointment/function';
import { actions as org } from '../cloudfunctions/org/function';
import { actions as room } from '../cloudfunctions/room/function';
import { actions as notify } from '../cloudfunctions/notify/function';
import { actions as admin } from '../cloudfunctions/admin/function';
import { actions as volunteer } from '../cloudfunctions/volunteer/function';
import { actions as policy } from '../cloudfunctions/policy/function';
import { actions as demand } from '../cloudfunctions/demand/function';
import { actions as study } from '../cloudfunctions/study/function';
import { actions as party } from '../cloudfunctions/party/function';

export const functions = { user, checkin, appointment, notify, volunteer, policy, demand, study, admin, org, room, party };

export type Functions = typeof functions;
export type FnName = keyof Functions;
