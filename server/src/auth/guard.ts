import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../../shared/api/schemas';
import { TEMPLATE_SENDING_ROLES } from '../../../shared/domain/session';
import { ProblemError } from '../errors';
import type { AuthUser, TokenService } from './tokens';

declare module 'fastify' {
  interface FastifyRequest {
    user?: AuthUser;
  }
}

export const ALL_ROLES: readonly Role[] = ['administrator', 'operator', 'agent', 'supervisor'];
export const SENDING_ROLES = TEMPLATE_SENDING_ROLES;

/** A preHandler that authenticates the bearer token and checks the role, for every protected route. */
export function requireRole(tokens: TokenService, roles: readonly Role[] = ALL_ROLES) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) throw new ProblemError('UNAUTHENTICATED', 'Sign in first: no access token was sent.');
    const user = await tokens.verifyAccess(token);
    request.user = user;
    if (!roles.includes(user.role)) {
      throw new ProblemError('ROLE_NOT_ALLOWED', `The ${user.role} role may not do this.`);
    }
  };
}

export function currentUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw new ProblemError('UNAUTHENTICATED', 'Sign in first.');
  return request.user;
}
