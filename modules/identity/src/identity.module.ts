/** Wires the identity module: repositories → services, from a database, a clock and options. */
import type { Clock } from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';
import { AuthService, type AuthOptions } from './auth.service.js';
import { SessionsRepository } from './sessions.repository.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

export interface IdentityModule {
  users: UsersService;
  auth: AuthService;
  audit: AuditService;
}

export function createIdentityModule(database: Database, clock: Clock, options: AuthOptions): IdentityModule {
  const usersRepository = new UsersRepository(database);
  const sessionsRepository = new SessionsRepository(database);
  const auth = new AuthService(usersRepository, sessionsRepository, clock, options);
  return {
    users: new UsersService(usersRepository, clock, {
      sourceName: (id) => sessionsRepository.sourceSubjectName(id),
      consumerOnly: async (id) => (await auth.sourceStanding(id))?.consumerOnly === true,
    }),
    auth,
    audit: new AuditService(new AuditRepository(database), clock),
  };
}
