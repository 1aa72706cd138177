// GET /files/:caseId/scans/:contentHash: a scan handed in with the application (身份证复印件, 劳动合同…),
// as uploaded, for the people who handle the file: the reviewer checking the materials, the head
// deciding, the clerk, the objection handler, the assigned lawyer. A scan is personal data that cannot be
// masked, so the roles that see the file masked (the city's administrator) and the auditors (who read
// cases through the audit service, where the view is recorded) do not get it. Only a scan the file's own
// application names is served: the store keeps scans by content, once for every file that handed the
// same content in, so the hash alone says nothing of whose it is. A file out of reach answers as one that
// does not exist, as every file route does.
import { actorOf, bearerSecurity, notFound, problemSchema, reachOf } from '@bureau/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NO_SUCH_FILE, partiesOf } from '../commands/run-legal-aid-command.js';
import type { DocumentReference } from '../domain/events.js';
import { readFileTimeline } from '../read-models/file-timeline.js';
import { scans } from '../storage/scans.js';
import { caseIdParam } from './inputs.js';
import { assignedLawyerOf } from './lawyer.js';
import { LAWYER, SCAN_READERS } from './roles.js';

const NO_SUCH_SCAN = 'This file names no scan with that content hash.';

/** A filename header for any name: ASCII fallback plus the UTF-8 name (RFC 6266 / RFC 8187). */
function inlineNamed(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const scanReadRoute: FastifyPluginAsync = async (app) => {
  app.withTypeProvider<ZodTypeProvider>().get('/files/:caseId/scans/:contentHash', {
    config: SCAN_READERS,
    schema: {
      tags: ['legal-aid files'],
      summary: '查看扫描件 A scan the application handed in, as uploaded (the roles that handle the file)',
      security: bearerSecurity,
      params: caseIdParam.extend({ contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex') }),
      response: { 200: z.any().describe('The scan\'s bytes, in its media type.'), 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
    },
  }, async (request, reply) => {
    const { caseId, contentHash } = request.params;
    const timeline = await readFileTimeline(app.eventStore, caseId);
    if (!timeline || !partiesOf(timeline.state).some(reachOf(request).includes)) throw notFound(NO_SUCH_FILE);
    const actor = actorOf(request);
    if (actor.role === LAWYER && assignedLawyerOf(timeline.state) !== actor.id) throw notFound(NO_SUCH_FILE);
    const named: DocumentReference | undefined = timeline.entries
      .flatMap((e) => (e.event.type === 'ApplicationSubmitted' ? e.event.data.documents : []))
      .find((d) => d.contentHash === contentHash);
    if (!named) throw notFound(NO_SUCH_SCAN);
    const stored = await scans.read(app.db, contentHash);
    if (!stored) throw notFound(NO_SUCH_SCAN);
    return reply
      .header('content-type', stored.mediaType ?? named.mediaType ?? 'application/octet-stream')
      .header('content-disposition', inlineNamed(named.name))
      // Personal data: kept by no cache on the way, and never sniffed into another type by a browser.
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(stored.content);
  });
};
