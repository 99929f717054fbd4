import { z } from 'zod';

const isoDate = z.iso.date();

export const ContactBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(320).nullable().default(null),
    phone: z.string().trim().min(3).max(40).nullable().default(null),
  })
  .refine((c) => c.email !== null || c.phone !== null, { message: 'an e-mail or a phone is needed', path: ['email'] });

export const ProductBody = z
  .strictObject({
    product: z.string().trim().min(1).max(200),
    contractedOn: isoDate,
    endsOn: isoDate.nullable().default(null),
  })
  .refine((p) => p.endsOn === null || p.endsOn >= p.contractedOn, {
    message: 'ends before it was contracted',
    path: ['endsOn'],
  });

export const ImplementationItemBody = z.strictObject({
  scheduledFor: isoDate,
  module: z.string().trim().min(1).max(200),
  status: z.enum(['scheduled', 'done', 'cancelled']).default('scheduled'),
  notes: z.string().max(5000).nullable().default(null),
});

export const UpdateImplementationItemBody = z
  .strictObject({
    scheduledFor: isoDate.optional(),
    status: z.enum(['scheduled', 'done', 'cancelled']).optional(),
    notes: z.string().max(5000).nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

export const CreateCustomerBody = z.strictObject({
  name: z.string().trim().min(1).max(300),
  document: z.string().trim().min(1).max(40).nullable().default(null),
  contacts: z.array(ContactBody).max(100).default([]),
  products: z.array(ProductBody).max(100).default([]),
  implementation: z.array(ImplementationItemBody).max(500).default([]),
});

export const UpdateCustomerBody = z
  .strictObject({
    name: z.string().trim().min(1).max(300).optional(),
    document: z.string().trim().min(1).max(40).nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

export const CustomersQuery = z.strictObject({ name: z.string().trim().min(1).max(300).optional() });

export type CreateCustomerInput = z.infer<typeof CreateCustomerBody>;
export type ContactInput = z.infer<typeof ContactBody>;
export type ProductInput = z.infer<typeof ProductBody>;
export type ImplementationItemInput = z.infer<typeof ImplementationItemBody>;
