/** What other domains may use of notify: the document types of its collections, and the templates' keys, titles and ids. */
export type { SubscriptionDoc } from './docs';
export { grantableTemplateIds } from './senders';
import { TEMPLATES } from './templates';

/** Template key → its title (消息中心 and the admin's 消息发送情况). */
export const TEMPLATE_TITLES: Record<string, string> = Object.fromEntries(Object.entries(TEMPLATES).map(([k, t]) => [k, t.title]));
