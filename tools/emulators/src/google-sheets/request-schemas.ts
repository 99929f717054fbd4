import { z } from 'zod';
import { googleErrors } from './google-errors.js';

/**
 * The request bodies the emulator understands, strict like Google's JSON parser: an unknown field
 * is refused with the message the real API gives ("Unknown name … Cannot find field.").
 */

const int = z.number().int();
const exactlyOne =
  (...keys: string[]) =>
  (value: Record<string, unknown>) =>
    keys.filter((key) => value[key] !== undefined).length === 1;

export const gridRangeSchema = z.strictObject({
  sheetId: int.default(0),
  startRowIndex: int.min(0).optional(),
  endRowIndex: int.min(0).optional(),
  startColumnIndex: int.min(0).optional(),
  endColumnIndex: int.min(0).optional(),
});

export const dimensionRangeSchema = z.strictObject({
  sheetId: int.default(0),
  dimension: z.enum(['ROWS', 'COLUMNS']),
  startIndex: int.min(0).optional(),
  endIndex: int.min(0).optional(),
});

const extendedValueSchema = z
  .strictObject({
    stringValue: z.string().optional(),
    numberValue: z.number().optional(),
    boolValue: z.boolean().optional(),
    formulaValue: z.string().optional(),
  })
  .refine(exactlyOne('stringValue', 'numberValue', 'boolValue', 'formulaValue'), 'exactly one value kind');

export const rowDataSchema = z.strictObject({
  values: z.array(z.strictObject({ userEnteredValue: extendedValueSchema.optional() })).optional(),
});

const metadataLocationSchema = z.strictObject({
  locationType: z.enum(['ROW', 'COLUMN', 'SHEET', 'SPREADSHEET']).optional(),
  spreadsheet: z.boolean().optional(),
  sheetId: int.optional(),
  dimensionRange: dimensionRangeSchema.optional(),
});

export const dataFilterSchema = z
  .strictObject({
    developerMetadataLookup: z
      .strictObject({
        locationType: z.enum(['ROW', 'COLUMN', 'SHEET', 'SPREADSHEET']).optional(),
        metadataLocation: metadataLocationSchema.optional(),
        locationMatchingStrategy: z.enum(['EXACT_LOCATION', 'INTERSECTING_LOCATION']).optional(),
        metadataId: int.optional(),
        metadataKey: z.string().optional(),
        metadataValue: z.string().optional(),
        visibility: z.enum(['DOCUMENT', 'PROJECT']).optional(),
      })
      .optional(),
    a1Range: z.string().optional(),
    gridRange: gridRangeSchema.optional(),
  })
  .refine(exactlyOne('developerMetadataLookup', 'a1Range', 'gridRange'), 'exactly one filter kind');

export type DataFilter = z.infer<typeof dataFilterSchema>;

const cellInput = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const valueInputOption = z.enum(['RAW', 'USER_ENTERED']);
export const valueRangeSchema = z.strictObject({
  range: z.string().optional(),
  majorDimension: z.enum(['ROWS', 'COLUMNS']).optional(),
  values: z.array(z.array(cellInput)).optional(),
});

export const valuesBatchUpdateSchema = z.strictObject({
  valueInputOption,
  data: z.array(valueRangeSchema.extend({ range: z.string() })),
});

export const batchGetByDataFilterSchema = z.strictObject({
  dataFilters: z.array(dataFilterSchema).min(1),
  majorDimension: z.enum(['ROWS', 'COLUMNS']).optional(),
  valueRenderOption: z.enum(['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA']).optional(),
  dateTimeRenderOption: z.enum(['SERIAL_NUMBER', 'FORMATTED_STRING']).optional(),
});

export const batchUpdateByDataFilterSchema = z.strictObject({
  valueInputOption,
  data: z.array(
    z.strictObject({
      dataFilter: dataFilterSchema,
      majorDimension: z.enum(['ROWS', 'COLUMNS']).optional(),
      values: z.array(z.array(cellInput)),
    }),
  ),
});

export const searchDeveloperMetadataSchema = z.strictObject({ dataFilters: z.array(dataFilterSchema).min(1) });

const requestShape = z.strictObject({
  insertDimension: z
    .strictObject({ range: dimensionRangeSchema, inheritFromBefore: z.boolean().optional() })
    .optional(),
  deleteDimension: z.strictObject({ range: dimensionRangeSchema }).optional(),
  moveDimension: z.strictObject({ source: dimensionRangeSchema, destinationIndex: int.min(0) }).optional(),
  updateCells: z
    .strictObject({
      rows: z.array(rowDataSchema),
      fields: z.string(),
      start: z.strictObject({ sheetId: int.default(0), rowIndex: int.min(0), columnIndex: int.min(0) }).optional(),
      range: gridRangeSchema.optional(),
    })
    .refine(exactlyOne('start', 'range'), 'exactly one of start and range')
    .optional(),
  appendCells: z.strictObject({ sheetId: int.default(0), rows: z.array(rowDataSchema), fields: z.string() }).optional(),
  createDeveloperMetadata: z
    .strictObject({
      developerMetadata: z.strictObject({
        metadataId: int.positive().optional(),
        metadataKey: z.string(),
        metadataValue: z.string().optional(),
        location: metadataLocationSchema,
        visibility: z.enum(['DOCUMENT', 'PROJECT']),
      }),
    })
    .optional(),
  deleteDeveloperMetadata: z.strictObject({ dataFilter: dataFilterSchema }).optional(),
  addProtectedRange: z
    .strictObject({
      protectedRange: z.strictObject({
        protectedRangeId: int.optional(),
        range: gridRangeSchema,
        description: z.string().optional(),
        warningOnly: z.boolean().optional(),
        editors: z
          .strictObject({ users: z.array(z.string()).optional(), groups: z.array(z.string()).optional() })
          .optional(),
      }),
    })
    .optional(),
  deleteProtectedRange: z.strictObject({ protectedRangeId: int }).optional(),
  sortRange: z
    .strictObject({
      range: gridRangeSchema,
      sortSpecs: z
        .array(z.strictObject({ dimensionIndex: int.min(0), sortOrder: z.enum(['ASCENDING', 'DESCENDING']) }))
        .min(1),
    })
    .optional(),
});
const requestSchema = requestShape.refine(
  (request) => Object.keys(request).length === 1,
  'a request must set exactly one kind',
);

export type SheetsRequest = z.infer<typeof requestSchema>;
export const EMULATED_REQUESTS = Object.keys(requestShape.shape);

export const spreadsheetBatchUpdateSchema = z.strictObject({
  requests: z.array(requestSchema),
  includeSpreadsheetInResponse: z.literal(false).optional(),
});

/** Parses a body or throws the 400 Google would send, naming the field by its JSON path. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const at = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const name = issue.keys[0];
    const hint = /^requests\[\d+\]$/.test(at) ? ` (the emulator implements: ${EMULATED_REQUESTS.join(', ')})` : '';
    throw googleErrors.badRequest(
      `Invalid JSON payload received. Unknown name "${name}"${at ? ` at '${at}'` : ''}: Cannot find field.${hint}`,
    );
  }
  throw googleErrors.badRequest(`Invalid value at '${at || 'body'}': ${issue.message}`);
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    '',
  );
}
