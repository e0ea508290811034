/** What other domains may use of notify: the document types of its collections. */
export type { SubscriptionDoc } from './docs';
