import { Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow } from '../auth/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { ApiZodBody, ApiZodResponse, ValidBody } from '../http/zod-openapi.js';
import { LinkedIdentityResponse, UserIdentitiesResponse } from './users.responses.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { UserIdentitiesService } from './user-identities.service.js';
import { ExternalIdentityBody, UuidParam } from './user.schemas.js';

const IdParam = () => Param('id', new ZodValidationPipe(UuidParam));

@ApiTags('users')
@ApiBearerAuth()
@Controller('users/:id/external-identities')
export class UserIdentitiesController {
  constructor(private readonly identities: UserIdentitiesService) {}

  @Get()
  @ApiZodResponse(UserIdentitiesResponse)
  @Allow('admin')
  @ApiOperation({
    summary: "A person's identities in other systems (Entra object id, Google account, e-mail), oldest first",
  })
  async list(@IdParam() id: string) {
    return { items: await this.identities.list(id) };
  }

  @Post()
  @ApiZodResponse(LinkedIdentityResponse)
  @Allow('admin')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Link an identity in another system to this person; `created: false` when it already was, 409 when it is another person’s',
  })
  @ApiZodBody(ExternalIdentityBody)
  async link(
    @CurrentPrincipal() actor: Principal,
    @IdParam() id: string,
    @ValidBody(ExternalIdentityBody) body: z.infer<typeof ExternalIdentityBody>,
  ) {
    const { identity, created } = await this.identities.link(actor, id, body);
    return { ...identity, created };
  }

  @Delete(':system/:externalId')
  @Allow('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unlink an identity (the id URL-encoded)' })
  async unlink(
    @CurrentPrincipal() actor: Principal,
    @IdParam() id: string,
    @Param('system') system: string,
    @Param('externalId') externalId: string,
  ): Promise<void> {
    await this.identities.unlink(actor, id, { system, id: externalId });
  }
}
