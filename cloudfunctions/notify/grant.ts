import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { isDuplicateKey } from '../../server/core/errors';
import { grantableTemplateIds } from './senders';

/**
 * Records the subscriptions a person just accepted in `Taro.requestSubscribeMessage` (the app
 * sends the template ids that came back 'accept'). WeChat allows one message per acceptance,
 * so each acceptance adds one to that template's remaining count. Only this deployment's
 * templates are counted.
 */
export const grant = action({
  roles: 'anyone',
  params: z.strictObject({ tmplIds: z.array(z.string().min(1).max(64)).min(1).max(10) }),
  async handler({ tmplIds }, { caller }) {
    const known = new Set(Object.values(grantableTemplateIds()));
    const accepted = [...new Set(tmplIds)].filter((id) => known.has(id));
    await Promise.all(
      accepted.map((tmplId) =>
        // set-with-merge is not enough to count; an upsert-style update keeps the count atomic.
        col('subscriptions')
          .where({ _id: `${caller.openid}:${tmplId}` })
          .update({ remaining: cmd().inc(1), updatedAt: new Date() })
          .then(async ({ updated }) => {
            if (updated) return;
            try {
              await col('subscriptions').add({ _id: `${caller.openid}:${tmplId}`, openid: caller.openid, tmplId, remaining: 1, updatedAt: new Date() });
            } catch (err) {
              // Created by a parallel tap meanwhile: count this one on it. Any other failure must
              // surface, not be answered as recorded.
              if (!isDuplicateKey(err)) throw err;
              await col('subscriptions').doc(`${caller.openid}:${tmplId}`).update({ remaining: cmd().inc(1), updatedAt: new Date() });
            }
          }),
      ),
    );
    return { recorded: accepted.length };
  },
});
