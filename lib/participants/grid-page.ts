import { z } from "zod";

// What participants_grid returns, checked once where it enters the app (server page and browser fetches alike).

export const gridRowSchema = z.object({
  id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
  company: z.string().nullable(),
  job_title: z.string().nullable(),
  registered_at: z.string(),
  has_account: z.boolean(),
});
export type GridRow = z.infer<typeof gridRowSchema>;

export const gridPageSchema = z.object({ total: z.number().int(), rows: z.array(gridRowSchema) });
export type GridPage = z.infer<typeof gridPageSchema>;

export interface SavedView {
  id: string;
  name: string;
  definition: unknown;
}
