// 登记服务: an advisor logs a service in the ledger of a village they serve. One form, one intent: a double
// click or a retry after a network error records one service (the entry id is the command id).
import { useState } from 'preact/hooks';
import { call } from '../../api.js';
import { ProblemNote, useIntent, useLoad } from '../../ui.js';
import { formErrors } from './errors.js';
import { EvidencePicker, type EvidenceRef } from './evidence.js';
import { detailsOf, emptyService, ServiceFields, type ServiceValues } from './service-fields.js';
import type { MyAppointment, Recorded } from './shapes.js';

/** Today in Beijing time, YYYY-MM-DD. */
export function today(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function LogServicePage(props: { path: string }) {
  const mine = useLoad(() => call<{ appointments: MyAppointment[] }>('advisors', '/my-appointments'), 'mine');
  const appointments = mine.loaded.state === 'ok' ? mine.loaded.data.appointments : undefined;
  const wanted = new URLSearchParams(props.path.split('?')[1] ?? '').get('village') ?? '';
  const [values, setValues] = useState<ServiceValues | undefined>();
  const [evidence, setEvidence] = useState<EvidenceRef[]>([]);
  const [done, setDone] = useState<{ villageId: string; month: string; again: boolean } | undefined>();
  const intent = useIntent();
  const shown = values ?? emptyService(today(), wanted || appointments?.[0]?.villageId || '');
  const errors = formErrors(intent.problem);
  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(undefined);
    const recorded = await intent.run((commandId) =>
      call<Recorded>('advisors', `/villages/${encodeURIComponent(shown.villageId)}/ledger/entries`, { body: { commandId, ...detailsOf(shown), evidence: evidence.map(({ sha256, sizeBytes, mediaType }) => ({ sha256, sizeBytes, mediaType })) } }),
    );
    if (recorded) {
      setDone({ villageId: shown.villageId, month: shown.date.slice(0, 7), again: recorded.alreadyApplied });
      setValues({ ...emptyService(shown.date, shown.villageId), mode: shown.mode });
      setEvidence([]);
    }
  };
  const otherProblem = intent.problem && !Object.keys(errors).length ? intent.problem : undefined;
  return (
    <section class="page">
      <div class="page-head">
        <h1>登记服务</h1>
        <nav class="sub" aria-label="法律顾问">
          <a href="#/advisors">我的台账</a>
          <a href="#/advisors/import">导入表格</a>
        </nav>
      </div>
      {done && (
        <p class="done" role="status">
          {done.again ? '这项服务此前已登记，未重复记录。' : '已登记。'}
          <a href={`#/advisors/ledger/${done.villageId}/${done.month}`}>查看本月台账</a>
        </p>
      )}
      {mine.loaded.state === 'problem' && <ProblemNote problem={mine.loaded.problem} what="您的聘任" />}
      <form class="service-form" onSubmit={(e) => void submit(e)} aria-label="登记服务" aria-busy={!appointments} data-ready={appointments ? "yes" : "no"}>
        <ServiceFields prefix="log" values={shown} onChange={setValues} errors={errors} villages={appointments ?? []}>
          <EvidencePicker evidence={evidence} onChange={setEvidence} error={errors.evidence} />
        </ServiceFields>
        <ProblemNote problem={otherProblem} what="这个村（社区）的台账" />
        {intent.problem && Object.keys(errors).length > 0 && (
          <p class="problem" role="alert">
            请按标红处修改。
          </p>
        )}
        <p class="row-actions">
          <button type="submit" class="primary" disabled={intent.busy || !appointments || appointments.length === 0}>
            {intent.busy ? '登记中…' : '登记'}
          </button>
        </p>
      </form>
    </section>
  );
}
