import { Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow } from '../auth/access.decorators.js';
import { AuthService } from '../auth/auth.service.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { ApiZodBody, ApiZodResponse, ValidBody } from '../http/zod-openapi.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { CreateApiTokenBody, CreateUserBody, UpdateUserBody, UuidParam } from './user.schemas.js';
import { UsersService, publicUser } from './users.service.js';
import { CreatedUserResponse, UserResponse, UsersResponse } from './users.responses.js';
import { Refusal } from '@escala/domain';

const IdParam = () => Param('id', new ZodValidationPipe(UuidParam));

@ApiTags('users')
@ApiBearerAuth()
@Controller()
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
  ) {}

  @Get('users')
  @ApiZodResponse(UsersResponse)
  @Allow('admin', 'leader')
  @ApiOperation({ summary: 'List people with their roles' })
  async list() {
    return { items: (await this.users.list()).map(publicUser) };
  }

  @Post('users')
  @ApiZodResponse(CreatedUserResponse, 201)
  @Allow('admin')
  @ApiOperation({ summary: 'Create a person; a password is generated and shown once when none is given' })
  @ApiZodBody(CreateUserBody)
  async create(@CurrentPrincipal() actor: Principal, @ValidBody(CreateUserBody) body: z.infer<typeof CreateUserBody>) {
    const { user, password } = await this.users.create(actor, body);
    return { ...publicUser(user), ...(body.password ? {} : { initialPassword: password }) };
  }

  @Patch('users/:id')
  @ApiZodResponse(UserResponse)
  @Allow('admin')
  @ApiOperation({
    summary:
      "Change roles, name, e-mail, password, or deactivate/reactivate; deactivating revokes the person's tokens and is refused (409, the tickets listed under `blocking`) while they hold open tickets",
  })
  @ApiZodBody(UpdateUserBody)
  async update(
    @CurrentPrincipal() actor: Principal,
    @IdParam() id: string,
    @ValidBody(UpdateUserBody) body: z.infer<typeof UpdateUserBody>,
  ) {
    return publicUser(await this.users.update(actor, id, body));
  }

  @Post('users/:id/api-tokens')
  @Allow('admin')
  @ApiOperation({ summary: 'Issue an API token for an integration acting as this user; shown once' })
  @ApiZodBody(CreateApiTokenBody)
  async issueApiToken(
    @CurrentPrincipal() actor: Principal,
    @IdParam() id: string,
    @ValidBody(CreateApiTokenBody) body: z.infer<typeof CreateApiTokenBody>,
  ) {
    const user = await this.users.get(id);
    const expiresAt = body.expiresInDays ? new Date(Date.now() + body.expiresInDays * 86_400_000) : null;
    const issued = await this.auth.issueApiToken(actor, user, body.name, expiresAt);
    return { id: issued.tokenId, token: issued.token, tokenType: 'Bearer', expiresAt: issued.expiresAt };
  }

  @Delete('api-tokens/:id')
  @Allow('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API token or session' })
  async revoke(@CurrentPrincipal() actor: Principal, @IdParam() id: string): Promise<void> {
    if (!(await this.auth.revoke(id, actor))) throw Refusal.notFound(`No active token with id ${id}`);
  }
}
