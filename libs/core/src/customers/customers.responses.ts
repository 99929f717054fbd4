import { z } from 'zod';

/** Customers found by name, as GET /customers answers (the console's customer pickers read it). */
export const CustomersResponse = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string(), document: z.string().nullable() })),
});
