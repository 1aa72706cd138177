// 受理回执 on screen, with its print button (the service's PDF of the receipt, opened for the printer).
import { useState } from 'preact/hooks';
import { call, type Problem } from '../../api.js';
import { ProblemNote, when } from '../../ui.js';

export interface Receipt {
  applicationNumber: string;
  receivedAt: string;
  receivingOrganisation: { id: string; name: string };
  competentOffice: { id: string; name: string };
  transferNeeded: boolean;
  greenChannel: boolean;
  reviewDueAt: string;
  provisional: boolean;
  documentsHandedIn: Array<{ name: string; sizeBytes: number }>;
  nextSteps: string;
}

export function PrintReceiptButton(props: { caseId: string }) {
  const [state, setState] = useState<{ busy: boolean; printed?: number; problem?: Problem }>({ busy: false });
  const print = async () => {
    setState({ busy: true });
    const answer = await call<Blob>('legal-aid', `/files/${encodeURIComponent(props.caseId)}/documents/receipt?format=pdf`);
    if (!answer.ok) return setState({ busy: false, problem: answer.problem });
    const url = URL.createObjectURL(new Blob([answer.body], { type: 'application/pdf' }));
    window.open(url, '_blank');
    setState({ busy: false, printed: answer.body.size });
  };
  return (
    <span class="print">
      <button type="button" class="primary" disabled={state.busy} onClick={() => void print()}>
        {state.busy ? '正在生成…' : '打印回执'}
      </button>
      {state.printed !== undefined && (
        <span class="muted" role="status" data-printed={state.printed}>
          回执 PDF 已在新窗口打开（{Math.ceil(state.printed / 1024)} KB），请在其中打印。
        </span>
      )}
      <ProblemNote problem={state.problem} what="这份回执" />
    </span>
  );
}

export function ReceiptCard(props: { caseId: string; receipt: Receipt; possibleDuplicates: string[]; onNext: () => void }) {
  const { receipt } = props;
  return (
    <section class="receipt" aria-label="受理回执">
      <h2>受理回执</h2>
      <dl class="facts">
        <dt>申请编号</dt>
        <dd data-fact="application-number">
          <strong>{receipt.applicationNumber}</strong>
        </dd>
        <dt>受理时间</dt>
        <dd>{when(receipt.receivedAt)}</dd>
        <dt>受理单位</dt>
        <dd>{receipt.receivingOrganisation.name}</dd>
        <dt>审查机构</dt>
        <dd>
          {receipt.competentOffice.name}
          {receipt.transferNeeded && <span class="tag">需移送（市域通办）</span>}
        </dd>
        <dt>审查期限</dt>
        <dd>
          {when(receipt.reviewDueAt)}
          {receipt.provisional && <span class="tag">暂计</span>}
        </dd>
        <dt>绿色通道</dt>
        <dd>{receipt.greenChannel ? <span class="tag ok">是</span> : '否'}</dd>
        <dt class="wide">后续事项</dt>
        <dd class="wide">{receipt.nextSteps.split(' / ')[0]}</dd>
      </dl>
      {props.possibleDuplicates.length > 0 && (
        <p class="warning" role="status">
          注意：该申请人就同一事项、同一对方当事人已有 {props.possibleDuplicates.length} 件在办申请，已照常受理，请审查时核对。
        </p>
      )}
      <p class="row-actions">
        <PrintReceiptButton caseId={props.caseId} />
        <a class="button" href={`#/intake/files/${props.caseId}`}>
          查看卷宗
        </a>
        <button type="button" onClick={props.onNext}>
          受理下一件
        </button>
      </p>
    </section>
  );
}
