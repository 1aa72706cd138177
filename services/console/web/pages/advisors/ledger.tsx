// 台账: a village's month as it stands, each entry with its history. The advisor corrects or voids their own
// entries (returned ones flagged to correct); the judicial office starts the review, returns entries with a
// reason, approves the month, reopens it, excuses a shortfall. The service decides who may do which.
import { useState } from 'preact/hooks';
import { call } from '../../api.js';
import type { Session } from '../../session.js';
import { PlaceholderRows, ProblemNote, useLoad, when } from '../../ui.js';
import { AdvisorName, AdvisorShares } from './advisor-name.js';
import { CorrectEntry } from './correct-entry.js';
import { ActButton, ReasonForm } from './reason-form.js';
import type { Ledger, LedgerEntry, Recorded } from './shapes.js';
import { changeNames, hours, ledgerStatusNames, modeNames, outcomeNames, reviewSubjectNames, typeNames } from './words.js';

function shiftMonth(month: string, by: number): string {
  const [y = 0, m = 1] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

function History(props: { entry: LedgerEntry }) {
  return (
    <details>
      <summary>经过（{props.entry.history.length}）</summary>
      <ol class="timeline">
        {props.entry.history.map((h, i) => (
          <li key={i} data-change={h.change}>
            <time>{when(h.at)}</time>
            <strong>{changeNames[h.change] ?? h.change}</strong>
            <span class="muted">
              {'reason' in h ? h.reason : ''}
              {h.change === 'corrected' ? `（改了：${h.changed.join('、')}）` : ''}
            </span>
          </li>
        ))}
      </ol>
    </details>
  );
}

function EntryRow(props: { entry: LedgerEntry; ledger: Ledger; session: Session; onDone: (what: string) => (r: Recorded) => void }) {
  const { entry, ledger, session } = props;
  const [open, setOpen] = useState<'correct' | 'void' | 'return' | undefined>();
  const c = entry.content;
  const role = session.claims.role;
  const mine = role === 'legal_advisor' && c.advisorId === session.claims.sub && entry.status === 'standing' && ledger.status !== 'approved';
  const reviewing = role === 'judicial_office_staff' && ledger.status === 'in_review' && entry.status === 'standing' && !entry.returned;
  const base = `/villages/${ledger.villageId}/ledger/${ledger.month}/entries/${encodeURIComponent(entry.entryId)}`;
  const done = (what: string) => (r: Recorded) => {
    setOpen(undefined);
    props.onDone(what)(r);
  };
  return (
    <>
      <tr data-entry={entry.entryId} class={entry.returned ? 'overdue' : entry.status === 'voided' ? 'voided' : ''}>
        <td>
          {c.date}
          {c.startTime ? ` ${c.startTime}` : ''}
        </td>
        <td>
          {typeNames[c.type] ?? c.type}
          {c.reviewSubject ? `：${reviewSubjectNames[c.reviewSubject] ?? c.reviewSubject}` : ''}
        </td>
        <td class="num">{hours(c.durationMinutes)}</td>
        <td>{modeNames[c.mode] ?? c.mode}</td>
        <td>{c.personsServed.map((p) => `${p.name}${p.phone ? ` ${p.phone}` : ''}`).join('、') || '—'}</td>
        <td class="summary">
          {c.summary}
          {c.evidence.length > 0 && <span class="muted">（证据 {c.evidence.length} 件）</span>}
        </td>
        <td>
          <AdvisorName advisorId={c.advisorId} advisor={entry.advisor} />
        </td>
        <td>
          {entry.returned && (
            <span class="tag bad" title={entry.returned.reason}>
              退回待更正：{entry.returned.reason}
            </span>
          )}
          {entry.status === 'voided' && <span class="tag">已作废：{entry.voidReason}</span>}
          {entry.status === 'standing' && !entry.returned && entry.history.some((h) => h.change === 'corrected') && <span class="tag ok">已更正</span>}
          <History entry={entry} />
        </td>
        <td>
          <div class="row-actions">
          {mine && (
            <>
              <button type="button" class={entry.returned ? 'primary' : ''} onClick={() => setOpen(open === 'correct' ? undefined : 'correct')}>
                更正
              </button>
              <button type="button" class="quiet" onClick={() => setOpen(open === 'void' ? undefined : 'void')}>
                作废
              </button>
            </>
          )}
          {reviewing && (
            <button type="button" onClick={() => setOpen(open === 'return' ? undefined : 'return')}>
              退回
            </button>
          )}
          </div>
        </td>
      </tr>
      {open && (
        <tr class="entry-form" data-form-for={entry.entryId}>
          <td colSpan={9}>
            {open === 'correct' && <CorrectEntry villageId={ledger.villageId} month={ledger.month} entry={entry} onDone={done('更正')} onCancel={() => setOpen(undefined)} />}
            {open === 'void' && <ReasonForm name="void" path={`${base}/void`} label="作废理由" submitLabel="确认作废" onDone={done('作废')} onCancel={() => setOpen(undefined)} />}
            {open === 'return' && <ReasonForm name="return" path={`${base}/return`} label="退回理由（顾问将看到）" submitLabel="确认退回" onDone={done('退回')} onCancel={() => setOpen(undefined)} />}
          </td>
        </tr>
      )}
    </>
  );
}

function OfficeActions(props: { ledger: Ledger; onDone: (what: string) => (r: Recorded) => void }) {
  const { ledger } = props;
  const base = `/villages/${ledger.villageId}/ledger/${ledger.month}`;
  const [reopening, setReopening] = useState(false);
  const [excusing, setExcusing] = useState(false);
  return (
    <div class="actions" aria-label="审核">
      {ledger.status === 'open' && (
        <div class="action">
          <h3>开始审核</h3>
          <p class="muted">每月 25 日起可开始审核；审核中顾问仍可登记和更正。</p>
          <ActButton name="review" path={`${base}/review`} label="开始审核" busyLabel="开始中…" primary onDone={props.onDone('开始审核')} />
        </div>
      )}
      {ledger.status === 'in_review' && (
        <div class="action">
          <h3>审核通过</h3>
          <p class="muted">{ledger.figures.returned > 0 ? `还有 ${ledger.figures.returned} 条退回的记录尚未更正。` : ledger.monthEnded ? '本月已结束，可以审核通过；通过后本月台账关闭。' : '月份结束后才能审核通过。'}</p>
          <ActButton name="approve" path={`${base}/approval`} label="审核通过本月" busyLabel="提交中…" primary onDone={props.onDone('审核通过')} />
        </div>
      )}
      {ledger.status === 'approved' && (
        <div class="action">
          <h3>重新打开</h3>
          {reopening ? (
            <ReasonForm name="reopen" path={`${base}/reopening`} label="重新打开的理由" submitLabel="确认重新打开" onDone={(r) => { setReopening(false); props.onDone('重新打开')(r); }} onCancel={() => setReopening(false)} />
          ) : (
            <button type="button" onClick={() => setReopening(true)}>
              重新打开…
            </button>
          )}
        </div>
      )}
      {ledger.status !== 'unopened' && ledger.onSite.outcome === 'short' && (
        <div class="action">
          <h3>说明驻点时长不足</h3>
          {excusing ? (
            <ReasonForm name="excuse" path={`${base}/excuse`} label="说明" submitLabel="确认说明" withCause onDone={(r) => { setExcusing(false); props.onDone('说明')(r); }} onCancel={() => setExcusing(false)} />
          ) : (
            <button type="button" onClick={() => setExcusing(true)}>
              说明不足…
            </button>
          )}
        </div>
      )}
    </div>
  );
}

export function LedgerPage(props: { villageId: string; month: string; session: Session }) {
  const { villageId, month, session } = props;
  // The ledger is read from its stream (always current): after an act, read again without blanking the page.
  const { loaded, reload } = useLoad(() => call<Ledger>('advisors', `/villages/${encodeURIComponent(villageId)}/ledger/${encodeURIComponent(month)}`), `${villageId}/${month}`);
  const [done, setDone] = useState<string | undefined>();
  const onDone = (what: string) => (r: Recorded) => {
    setDone(r.alreadyApplied ? `${what}：此前已记录，未重复记录。` : `${what}：已记录。`);
    void reload();
  };
  const back = session.claims.role === 'legal_advisor' ? '#/advisors' : '#/advisors/review';
  if (loaded.state === 'problem') {
    return (
      <section class="page">
        <h1>台账</h1>
        <ProblemNote problem={loaded.problem} what="这个村（社区）的台账" />
        <p>
          <a href={back}>返回</a>
        </p>
      </section>
    );
  }
  const ledger = loaded.state === 'ok' ? loaded.data : undefined;
  const onSite = ledger?.onSite;
  return (
    <section class="page ledger">
      <div class="page-head">
        <h1>
          {ledger?.name ?? '台账'} · {month.replace('-', ' 年 ')} 月台账
        </h1>
        <nav class="sub" aria-label="月份">
          <a href={`#/advisors/ledger/${villageId}/${shiftMonth(month, -1)}`}>← 上月</a>
          <a href={`#/advisors/ledger/${villageId}/${shiftMonth(month, 1)}`}>下月 →</a>
          <a href={back}>返回</a>
        </nav>
      </div>
      {done && (
        <p class="done" role="status">
          {done}
        </p>
      )}
      <dl class="facts" aria-busy={!ledger}>
        <dt>状态</dt>
        <dd data-fact="status">{ledger ? `${ledgerStatusNames[ledger.status] ?? ledger.status}${ledger.reopenings ? `（重新打开 ${ledger.reopenings} 次）` : ''}` : '…'}</dd>
        <dt>记录</dt>
        <dd data-fact="entries">{ledger ? `${ledger.figures.entries} 条${ledger.figures.returned ? `，退回待更正 ${ledger.figures.returned} 条` : ''}` : '…'}</dd>
        <dt>驻点时长</dt>
        <dd data-fact="on-site" class={onSite?.outcome === 'short' ? 'bad' : ''}>
          {onSite ? `${hours(onSite.onSiteMinutes)} / 应达 ${hours(onSite.minimumMinutes)}（${outcomeNames[onSite.outcome] ?? onSite.outcome}${onSite.shortByMinutes ? `，差 ${hours(onSite.shortByMinutes)}` : ''}）` : '…'}
        </dd>
        <dt>线上时长</dt>
        <dd>{ledger ? hours(ledger.figures.remoteMinutes) : '…'}</dd>
        <dt>各顾问驻点</dt>
        <dd data-shares>{onSite ? <AdvisorShares shares={onSite.byAdvisor} /> : '…'}</dd>
        <dt>审核</dt>
        <dd>{ledger ? (ledger.approvedAt ? `${when(ledger.approvedAt)} 通过` : ledger.reviewStartedAt ? `${when(ledger.reviewStartedAt)} 开始` : '未开始') : '…'}</dd>
        {onSite?.excuse && (
          <>
            <dt class="wide">不足说明</dt>
            <dd class="wide">{onSite.excuse.reason}</dd>
          </>
        )}
      </dl>
      {ledger && session.claims.role === 'judicial_office_staff' && <OfficeActions ledger={ledger} onDone={onDone} />}
      {/* The office's acts take their room before the ledger arrives, so the entries below do not jump down. */}
      {!ledger && session.claims.role === 'judicial_office_staff' && (
        <div class="actions" aria-hidden="true">
          <div class="action action-placeholder" />
        </div>
      )}
      {ledger && session.claims.role === 'legal_advisor' && ledger.status === 'approved' && <p class="muted">本月已审核通过并关闭；如需更正，请联系司法所重新打开。</p>}
      <h2>服务记录</h2>
      <table class="list entries" data-state={loaded.state}>
        <thead>
          <tr>
            <th scope="col">日期</th>
            <th scope="col">类型</th>
            <th scope="col" class="num">时长</th>
            <th scope="col">方式</th>
            <th scope="col">服务对象</th>
            <th scope="col">内容摘要</th>
            <th scope="col">顾问</th>
            <th scope="col">状态</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {loaded.state === 'loading' && <PlaceholderRows columns={9} rows={4} />}
          {ledger && ledger.entries.length === 0 && (
            <tr>
              <td colSpan={9} class="empty">
                本月还没有服务记录。
              </td>
            </tr>
          )}
          {ledger?.entries.map((e) => <EntryRow key={e.entryId} entry={e} ledger={ledger} session={session} onDone={onDone} />)}
        </tbody>
      </table>
    </section>
  );
}
