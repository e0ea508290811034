/**
 * Document shapes of the user domain (enterprise invites, the park's service-centre card).
 * server/collections.ts maps each collection to its document type; cloudbaserc.json declares the
 * collections, their ACL and indexes.
 */
export interface InviteDoc {
  enterpriseId: string;
  maxUses: number;
  uses: number;
  expiresAt: Date;
  createdBy: string;
  createdAt: Date;
}

export interface ParkDoc {
  name: string;
  address: string;
  centerName: string;
  phone: string;
  services: { key: string; title: string; description: string }[];
}
