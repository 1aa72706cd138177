// What every ledger command route shares: the clock, the registry, the caller's reach, the command run
// through runLedgerCommand, and the kit's reply (revision, position, ETag, x-event-position).
import { commandContextOf, commandReply, reachOf } from '@bureau/service-kit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { runLedgerCommand, type LedgerDeps } from '../commands/run-ledger-command.js';
import type { LedgerCommand, LedgerMonthState } from '../domain/index.js';
import type { ledgerCommandResponse } from './schemas.js';

export const ledgerDepsOf = (app: FastifyInstance): LedgerDeps => ({
  store: app.eventStore,
  registry: () => app.organisations.current(),
  limitsFor: app.advisors.config.limitsFor,
});

export async function ledgerCommandRoute(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  input: {
    readonly villageId: string;
    readonly month: string;
    readonly commandId: string;
    readonly command: LedgerCommand;
    readonly entryId?: string;
    readonly check?: (state: LedgerMonthState) => void;
  },
): Promise<z.output<typeof ledgerCommandResponse>> {
  const now = app.advisors.clock();
  const result = await runLedgerCommand(ledgerDepsOf(app), {
    villageId: input.villageId,
    month: input.month,
    command: input.command,
    context: commandContextOf(request, input.commandId, now),
    now,
    reaches: reachOf(request).includes,
    ...(input.check ? { check: input.check } : {}),
  });
  return { villageId: input.villageId, month: input.month, ...(input.entryId ? { entryId: input.entryId } : {}), ...commandReply(reply, result) };
}
