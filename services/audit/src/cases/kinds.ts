// The cases an auditor can open, each through its owning service's domain and event registry:
// a 12345 work order (工单), a legal-aid file (法律援助), a village's monthly advisor ledger (法律顾问台账).
import { advisorLedgerStreamName, evolveLedger, initialLedgerState } from '@bureau/advisors/domain';
import { advisorLedgerEvents } from '@bureau/advisors/events';
import { evolve as evolveWorkOrder, initialState as initialWorkOrder, workOrderStreamName } from '@bureau/hotline-service/domain';
import { workOrderEventsFor, type WorkOrderOwnership } from '@bureau/hotline-service/events';
import { evolve as evolveLegalAid, initialState as initialLegalAid, legalAidStreamName } from '@bureau/legal-aid/domain';
import { legalAidEvents } from '@bureau/legal-aid/events';
import { defineCaseKind, type CaseKind } from './case-kind.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
/** A village id, '_', and the month: huadu-xinhua-sanhua_2026-03. */
const LEDGER_ID = /^([a-z0-9][a-z0-9-]{0,62})_(\d{4}-(0[1-9]|1[0-2]))$/;

export function caseKinds(ownership: WorkOrderOwnership): ReadonlyMap<string, CaseKind> {
  const kinds = [
    defineCaseKind({
      kind: 'work-order',
      title: '12345工单',
      caseIdPattern: ID,
      streamName: workOrderStreamName,
      registry: workOrderEventsFor(ownership),
      initialState: initialWorkOrder,
      evolve: evolveWorkOrder,
      // The owning centre, recorded at dispatch (WorkOrderDispatched.owner).
      ownersOf: (state) => (state.status === 'not_dispatched' ? [] : [state.owner]),
    }),
    defineCaseKind({
      kind: 'legal-aid',
      title: '法律援助案件',
      caseIdPattern: ID,
      streamName: legalAidStreamName,
      registry: legalAidEvents,
      initialState: initialLegalAid,
      evolve: evolveLegalAid,
      // The office holding the file, and where it was received (a transfer moves the first).
      ownersOf: (state) => {
        if (state.status === 'none') return [];
        if (state.status === 'awaiting_custody_forwarding') return [state.receivingOrganisationId];
        return [...new Set([state.holderOfficeId, state.receivingOrganisationId])];
      },
    }),
    defineCaseKind({
      kind: 'advisor-ledger',
      title: '村(社区)法律顾问台账',
      caseIdPattern: LEDGER_ID,
      streamName: (caseId) => {
        const match = LEDGER_ID.exec(caseId);
        // Only called with ids that match (routes check the pattern first).
        if (!match?.[1] || !match[2]) throw new Error(`not a ledger id: ${caseId}`);
        return advisorLedgerStreamName(match[1], match[2]);
      },
      registry: advisorLedgerEvents,
      initialState: initialLedgerState,
      evolve: evolveLedger,
      ownersOf: (state) => (state.status === 'unopened' ? [] : [state.villageId, state.judicialOfficeId]),
    }),
  ];
  return new Map(kinds.map((k) => [k.kind, k]));
}
