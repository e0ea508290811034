import * as z from 'zod';
import { action } from '../../server/core/router';
import { instructorLoad } from './getEnterprise';

/** 党建指导员 (users holding the role) with the number of enterprises each is assigned to. */
export const listInstructors = action({
  roles: ['admin'],
  params: z.strictObject({}),
  async handler() {
    return instructorLoad();
  },
});
