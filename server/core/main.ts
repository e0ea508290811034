/**
 * The production entry of a cloud function. The caller is whoever the platform says called
 * (WX_OPENID, which CloudBase injects for a mini-program call); `event.userInfo` or any
 * other field the client could forge is never read.
 */
import { cloud } from './db';
import { dispatch, type ActionTable, type Event } from './router';

export function makeMain(fn: string, table: ActionTable) {
  return async function main(event: Event, _context: unknown) {
    const openid = cloud().auth().getUserInfo().openId;
    return dispatch(fn, table, event, { openid });
  };
}
