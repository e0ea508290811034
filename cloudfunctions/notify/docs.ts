/**
 * Document shapes of the notify domain (subscribe-message grants).
 * server/collections.ts maps each collection to its document type; cloudbaserc.json declares the
 * collections, their ACL and indexes.
 */
/** Subscribe-message grants a person gave (one message each); `_id` = `<openid>:<tmplId>`. */
export interface SubscriptionDoc {
  openid: string;
  tmplId: string;
  remaining: number;
  updatedAt: Date;
  usedAt?: Date;
}
