// 证据: photos and scanned sign-in sheets, uploaded as they are chosen (POST /evidence, stored by content
// hash, so choosing the same file twice stores it once); the form sends their references.
import { useState } from 'preact/hooks';
import { call, type Problem } from '../../api.js';
import { ProblemNote } from '../../ui.js';

export interface EvidenceRef {
  sha256: string;
  sizeBytes: number;
  mediaType: string | null;
  name: string;
}

const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf'];

export function EvidencePicker(props: { evidence: EvidenceRef[]; onChange: (evidence: EvidenceRef[]) => void; error?: string | undefined }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const choose = async (event: Event) => {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    setBusy(true);
    setProblem(undefined);
    const added: EvidenceRef[] = [];
    for (const file of files) {
      const type = ACCEPTED.includes(file.type) ? file.type : 'application/octet-stream';
      const answer = await call<{ sha256: string; sizeBytes: number; mediaType: string | null }>('advisors', '/evidence', { file: { body: file, type } });
      if (!answer.ok) {
        setProblem(answer.problem);
        break;
      }
      added.push({ ...answer.body, name: file.name });
    }
    setBusy(false);
    input.value = '';
    const known = new Set(props.evidence.map((e) => e.sha256));
    props.onChange([...props.evidence, ...added.filter((a) => !known.has(a.sha256))]);
  };
  return (
    <div class={`field wide${props.error ? ' has-error' : ''}`} data-field="evidence">
      <label for="f-evidence">证据（照片、签到表扫描件，可不附）</label>
      <input id="f-evidence" type="file" multiple accept={ACCEPTED.join(',')} disabled={busy} onChange={(e) => void choose(e)} />
      <span class={`field-note${props.error ? '' : ' hint'}`} aria-live="polite">
        {props.error ?? (busy ? '上传中…' : props.evidence.length ? props.evidence.map((e) => `${e.name}（${Math.ceil(e.sizeBytes / 1024)} KB）`).join('、') : '每个文件不超过 20 MB')}
        {props.evidence.length > 0 && (
          <button type="button" class="quiet link" onClick={() => props.onChange([])}>
            清除
          </button>
        )}
      </span>
      {problem?.status === 413 ? (
        <p class="problem" role="alert">
          文件太大：每个证据文件不超过 20 MB。
        </p>
      ) : (
        <ProblemNote problem={problem} what="证据文件" />
      )}
    </div>
  );
}
