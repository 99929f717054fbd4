import { Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@escala/domain';
import { z } from 'zod';
import { Allow } from '../auth/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { ApiZodBody, ApiZodQuery, ApiZodResponse, ValidBody, ValidQuery } from '../http/zod-openapi.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import {
  ContactBody,
  CreateCustomerBody,
  CustomersQuery,
  ImplementationItemBody,
  ProductBody,
  UpdateCustomerBody,
  UpdateImplementationItemBody,
} from './customer.schemas.js';
import { CustomersService } from './customers.service.js';
import { CustomersResponse } from './customers.responses.js';

const Id = (name: string) => Param(name, new ZodValidationPipe(z.uuid()));

@ApiTags('customers')
@ApiBearerAuth()
@Controller('customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Get()
  @ApiZodResponse(CustomersResponse)
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Find customers by name' })
  @ApiZodQuery(CustomersQuery)
  async list(@ValidQuery(CustomersQuery) query: z.infer<typeof CustomersQuery>) {
    return { items: await this.customers.list(query.name) };
  }

  @Post()
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Register a customer with contacts, contracted products and implementation agenda' })
  @ApiZodBody(CreateCustomerBody)
  create(
    @CurrentPrincipal() actor: Principal,
    @ValidBody(CreateCustomerBody) body: z.infer<typeof CreateCustomerBody>,
  ) {
    return this.customers.create(actor, body);
  }

  @Get(':id')
  @Allow(...ROLES)
  @ApiOperation({ summary: 'A customer with contacts, products and implementation agenda' })
  get(@Id('id') id: string) {
    return this.customers.get(id);
  }

  @Patch(':id')
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Change the name or document of a customer' })
  @ApiZodBody(UpdateCustomerBody)
  update(
    @CurrentPrincipal() actor: Principal,
    @Id('id') id: string,
    @ValidBody(UpdateCustomerBody) body: z.infer<typeof UpdateCustomerBody>,
  ) {
    return this.customers.update(actor, id, body);
  }

  @Post(':id/contacts')
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Add a contact (e-mail, phone)' })
  @ApiZodBody(ContactBody)
  addContact(
    @CurrentPrincipal() actor: Principal,
    @Id('id') id: string,
    @ValidBody(ContactBody) body: z.infer<typeof ContactBody>,
  ) {
    return this.customers.add(actor, id, 'contact', body);
  }

  @Post(':id/products')
  @Allow('admin', 'leader', 'relationship')
  @ApiOperation({ summary: 'Record a contracted product with its contract dates' })
  @ApiZodBody(ProductBody)
  addProduct(
    @CurrentPrincipal() actor: Principal,
    @Id('id') id: string,
    @ValidBody(ProductBody) body: z.infer<typeof ProductBody>,
  ) {
    return this.customers.add(actor, id, 'product', body);
  }

  @Get(':id/implementation')
  @Allow(...ROLES)
  @ApiOperation({ summary: '"Visualizar implantação": the scheduled implementation items' })
  async implementation(@Id('id') id: string) {
    await this.customers.find(id);
    return { items: await this.customers.implementation(id) };
  }

  @Post(':id/implementation')
  @Allow('admin', 'leader', 'relationship')
  @ApiOperation({ summary: 'Schedule an implementation item' })
  @ApiZodBody(ImplementationItemBody)
  addImplementationItem(
    @CurrentPrincipal() actor: Principal,
    @Id('id') id: string,
    @ValidBody(ImplementationItemBody) body: z.infer<typeof ImplementationItemBody>,
  ) {
    return this.customers.add(actor, id, 'implementation_item', body);
  }

  @Patch(':id/implementation/:itemId')
  @Allow('admin', 'leader', 'relationship')
  @ApiOperation({ summary: 'Reschedule an implementation item or mark it done or cancelled' })
  @ApiZodBody(UpdateImplementationItemBody)
  updateImplementationItem(
    @CurrentPrincipal() actor: Principal,
    @Id('id') id: string,
    @Id('itemId') itemId: string,
    @ValidBody(UpdateImplementationItemBody) body: z.infer<typeof UpdateImplementationItemBody>,
  ) {
    return this.customers.updateImplementationItem(actor, id, itemId, body);
  }
}
