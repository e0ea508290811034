import * as z from 'zod';

/** The editable fields of an expert profile (shared by upsertProfile and the admin's addExpert). */
export const profileFields = {
  name: z.string().trim().min(1, '请填写姓名').max(20),
  organisation: z.string().trim().min(2, '请填写所在机构').max(40),
  title: z.string().trim().max(20).optional(),
  specialities: z.array(z.string().trim().min(1).max(12)).min(1, '请至少填写一项擅长领域').max(8),
  intro: z.string().trim().max(400).optional(),
};
