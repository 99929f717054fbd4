import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@escala/domain';
import { z } from 'zod';
import { ApiZodBody, ApiZodResponse, ValidBody } from '../http/zod-openapi.js';
import { Allow, Public } from './access.decorators.js';
import { AuthService } from './auth.service.js';
import { CurrentPrincipal, type Principal } from './principal.js';
import { LoginResponse, MeResponse } from './auth.responses.js';

const LoginBody = z.strictObject({
  login: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(1024),
});

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @ApiZodResponse(LoginResponse)
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange login and password for a session bearer token' })
  @ApiZodBody(LoginBody)
  async login(@ValidBody(LoginBody) body: z.infer<typeof LoginBody>) {
    const session = await this.auth.login(body.login, body.password);
    return {
      token: session.token,
      tokenType: 'Bearer',
      expiresAt: session.expiresAt,
      user: {
        id: session.user.id,
        login: session.user.login,
        displayName: session.user.displayName,
        roles: session.user.roles,
      },
    };
  }

  @Post('logout')
  @Allow(...ROLES)
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke the token used for this request' })
  async logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.auth.revoke(principal.tokenId);
  }

  @Get('me')
  @ApiZodResponse(MeResponse)
  @Allow(...ROLES)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the bearer token belongs to' })
  me(@CurrentPrincipal() principal: Principal) {
    return {
      id: principal.userId,
      login: principal.login,
      displayName: principal.displayName,
      roles: principal.roles,
      tokenKind: principal.tokenKind,
    };
  }
}
