/** What other domains may use of admin: the document types of its collections. */
export type { ImportChunkDoc } from './docs';
