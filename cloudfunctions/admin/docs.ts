/**
 * Document shapes of the admin domain (uploaded import files).
 * server/collections.ts maps each collection to its document type; cloudbaserc.json declares the
 * collections, their ACL and indexes.
 */
/** One piece of an uploaded import file (admin console); `_id` = `<uploadId>:<index>`. */
export interface ImportChunkDoc {
  uploadId: string;
  index: number;
  count: number;
  data: string;
  createdBy: string;
  createdAt: Date;
}
