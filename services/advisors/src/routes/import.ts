// POST /imports: a ledger spreadsheet (CSV, UTF-8 with or without BOM; or XLSX, every sheet but 说明) uploaded as the body, size-limited
// (ADVISORS_IMPORT_MAX_BYTES, 413 beyond); all or nothing (commands/import-ledger-file.ts). The answer is a
// summary; a refused file answers 422 with every bad row (row, column, rule) as JSON and as lines.
// GET /imports/:importId: the import's status (accepted, completed) and what it logged where.
import { actorOf, bearerSecurity, HttpProblem, notFound, problemSchema, problemTypes, reachOf, signedIn } from '@bureau/service-kit';
import { ledgerTemplate } from '../import/index.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importLedgerFile } from '../commands/import-ledger-file.js';
import { stateOrInitial } from '../commands/read-stream.js';
import { advisorImportStreamName, ledgerImportDecider } from '../domain/index.js';
import { ledgerImportEvents } from '../events/index.js';
import { villageOf } from '../registry/villages.js';
import { importFilesIn } from '../storage/import-files.js';
import { ledgerDepsOf } from './ledger-command.js';
import { ADVISOR_ROLE, IMPORTERS } from './roles.js';
import { recordId } from './schemas.js';

const summary = z.object({
  importId: z.string(), status: z.enum(['completed', 'nothing_new', 'accepted']), rows: z.number(), newRows: z.number(), alreadyLogged: z.number(),
  ledgers: z.array(z.object({ villageId: z.string(), month: z.string(), newRows: z.number() })),
});

const CSV_TYPES = ['text/csv', 'application/csv'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Encapsulated: the spreadsheet body parsers apply to these routes only. */
export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const limit = app.advisors.config.ADVISORS_IMPORT_MAX_BYTES;
  app.addContentTypeParser([...CSV_TYPES, XLSX_TYPE], { parseAs: 'buffer', bodyLimit: limit }, (_request, body, done) => done(null, body));

  app.get('/imports/template.xlsx', {
    config: signedIn('the template names the columns and explains them: nothing owned by an organisation'),
    schema: { tags: ['import'], summary: '导入模板 The import template (XLSX: 台账 with the Chinese headers, 说明 explaining each column)', security: bearerSecurity },
  }, async (_request, reply) => {
    reply.header('content-type', XLSX_TYPE).header('content-disposition', `attachment; filename="ledger-template.xlsx"; filename*=UTF-8''${encodeURIComponent('台账导入模板.xlsx')}`);
    return ledgerTemplate();
  });

  app.post('/imports', {
    config: IMPORTERS,
    bodyLimit: limit,
    schema: {
      tags: ['import'],
      summary: '台账导入 Import a ledger spreadsheet (CSV or XLSX): all rows or none; re-importing writes nothing twice',
      security: bearerSecurity,
      querystring: z.strictObject({
        advisorId: recordId.optional().describe('For a file without a 法律顾问 column imported by the district: whose ledger it is.'),
        fileName: z.string().max(200).optional(),
      }),
      response: { 200: summary, 400: problemSchema, 401: problemSchema, 403: problemSchema, 413: problemSchema, 415: problemSchema, 422: problemSchema },
    },
  }, async (request) => {
    const body: unknown = request.body;
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new HttpProblem(400, 'Bad Request', problemTypes.validation, 'Send the file itself as the body (Content-Type: text/csv, or the XLSX media type).', {
        errors: [{ field: 'body', rule: 'required', message: 'a CSV or XLSX file' }],
      });
    }
    const actor = actorOf(request);
    const own = actor.role === ADVISOR_ROLE;
    if (own && request.query.advisorId !== undefined && request.query.advisorId !== actor.id) {
      throw new HttpProblem(400, 'Bad Request', problemTypes.validation, 'An advisor imports their own ledger only.', {
        errors: [{ field: 'querystring.advisorId', rule: 'own_ledger_only', message: 'leave it out, or name yourself' }],
      });
    }
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    return importLedgerFile({ ...ledgerDepsOf(app), importFiles: importFilesIn(app.db) }, {
      file: body,
      kind: mediaType === XLSX_TYPE ? 'xlsx' : 'csv',
      fileName: request.query.fileName ?? null,
      actor,
      reach: reachOf(request),
      ownAdvisorId: own ? actor.id : undefined,
      advisorId: own ? undefined : request.query.advisorId,
      now: app.advisors.clock(),
      correlationId: request.id,
    });
  });

  app.get('/imports/:importId', {
    config: IMPORTERS,
    schema: {
      tags: ['import'], summary: 'An import\'s status and what it logged where', security: bearerSecurity,
      params: z.object({ importId: z.string().regex(/^[0-9a-f]{40}-[0-9a-f]{12}$/, 'an import id as POST /imports answered it') }),
      response: { 200: summary.extend({ acceptedAt: z.string(), completedAt: z.string().nullable() }), 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
    },
  }, async (request) => {
    const { state } = await stateOrInitial(app.eventStore, ledgerImportEvents, ledgerImportDecider, advisorImportStreamName(request.params.importId));
    const registry = app.organisations.current();
    const reach = reachOf(request);
    // An import is the caller's to see when every ledger it touched is within their reach.
    if (state.status === 'none' || !state.accepted.batches.every((b) => { const v = villageOf(registry, b.villageId); return v !== undefined && reach.includes(v.judicialOfficeId); })) {
      throw notFound('No such import.');
    }
    const { accepted } = state;
    return {
      importId: accepted.importId, status: state.status, rows: accepted.rowCount, newRows: accepted.batches.reduce((n, b) => n + b.rows.length, 0),
      alreadyLogged: accepted.alreadyLogged, ledgers: accepted.batches.map((b) => ({ villageId: b.villageId, month: b.month, newRows: b.rows.length })),
      acceptedAt: accepted.acceptedAt, completedAt: state.completedAt,
    };
  });
};
