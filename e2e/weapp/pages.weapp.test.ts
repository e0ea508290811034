/** Every page of the weapp build as every demo role (see sweep.ts); the table goes to artifacts/weapp/pages.md. */
import { ROLES, type Role } from './harness';
import { checkOwners, sweepPages } from './sweep';

const roles = Object.keys(ROLES) as Role[];
checkOwners(roles);
sweepPages('all', roles);
