import { z } from "zod";

// The participants grid query and the message audience, as the database functions take them
// (participants_grid, count_audience, send_broadcast in supabase/migrations/20261125120500_create_participant_queries.sql).
// The database checks them again; these schemas give the app typed values and early, translatable errors.

export const PARTICIPANT_COLUMNS = ["first_name", "last_name", "email", "company", "job_title", "registered_at"] as const;
export type ParticipantColumn = (typeof PARTICIPANT_COLUMNS)[number];

export const TEXT_OPERATORS = ["contains", "equals", "starts_with", "is_empty", "is_not_empty"] as const;
export const DATE_OPERATORS = ["before", "after"] as const;
export const FILTER_OPERATORS = [...TEXT_OPERATORS, ...DATE_OPERATORS] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** Operators that need a value (the others test emptiness). */
export const operatorNeedsValue = (operator: FilterOperator) => operator !== "is_empty" && operator !== "is_not_empty";

export const participantFilterSchema = z
  .object({
    column: z.enum(PARTICIPANT_COLUMNS),
    operator: z.enum(FILTER_OPERATORS),
    value: z.string().max(200).optional(),
  })
  .refine((filter) => !operatorNeedsValue(filter.operator) || (filter.value ?? "").trim() !== "", {
    message: "invalid_filter_value",
    path: ["value"],
  })
  .refine(
    (filter) =>
      filter.column === "registered_at"
        ? (DATE_OPERATORS as readonly string[]).includes(filter.operator) || !operatorNeedsValue(filter.operator)
        : !(DATE_OPERATORS as readonly string[]).includes(filter.operator),
    { message: "invalid_filter_operator", path: ["operator"] },
  );
export type ParticipantFilter = z.infer<typeof participantFilterSchema>;

/** The "Is currently connected" column's filter. */
export const connectedFilterSchema = z.enum(["active", "inactive"]);
export type ConnectedFilter = z.infer<typeof connectedFilterSchema>;

/** What a grid shows (without paging): the definition a view saves and a "Message all in view" audience uses. */
export const viewDefinitionSchema = z.object({
  search: z.string().max(200).optional(),
  filters: z.array(participantFilterSchema).max(20).default([]),
  connected: connectedFilterSchema.optional(),
});
export type ViewDefinition = z.infer<typeof viewDefinitionSchema>;

export const sortSchema = z.object({
  column: z.enum(PARTICIPANT_COLUMNS),
  direction: z.enum(["asc", "desc"]),
});
export type GridSort = z.infer<typeof sortSchema>;

const participantIdsSchema = z.array(z.uuid()).max(100_000);

/** One page of the grid, as participants_grid takes it. */
export const gridQuerySchema = viewDefinitionSchema.extend({
  connectedIds: participantIdsSchema.optional(),
  sort: sortSchema.optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});
export type GridQuery = z.infer<typeof gridQuerySchema>;

/**
 * Who a message goes to: the selected participants, or everyone the view shows. For a view, `connectedIds` are the
 * participants connected when the pop-in opened, so the audience is fixed then (with the "connected" filter).
 */
export const audienceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("selection"), participantIds: participantIdsSchema.min(1) }),
  viewDefinitionSchema.extend({ kind: z.literal("view"), connectedIds: participantIdsSchema.optional() }),
]);
export type Audience = z.infer<typeof audienceSchema>;
