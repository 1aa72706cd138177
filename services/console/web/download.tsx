// A file a service makes (a report's PDF, a history's JSON Lines, an anchor file), fetched with the
// person's token and saved under the name the service gives it (Content-Disposition).
import { useState } from 'preact/hooks';
import { call, type Problem, type Service } from './api.js';
import { ProblemNote } from './ui.js';

export interface Downloaded {
  readonly name: string;
  readonly bytes: number;
}

export async function download(service: Service, path: string, fallbackName: string): Promise<{ ok: true; file: Downloaded } | { ok: false; problem: Problem }> {
  const answer = await call<Blob>(service, path, { raw: true });
  if (!answer.ok) return answer;
  const disposition = answer.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  const blob = answer.body;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { ok: true, file: { name, bytes: blob.size } };
}

/** A button that saves a service's file, says what was saved, or the problem in the person's terms. */
export function DownloadButton(props: { service: Service; path: string; name: string; label: string; what?: string; kind?: string }) {
  const [state, setState] = useState<{ busy: boolean; saved?: Downloaded; problem?: Problem }>({ busy: false });
  const save = async () => {
    setState({ busy: true });
    const result = await download(props.service, props.path, props.name);
    setState(result.ok ? { busy: false, saved: result.file } : { busy: false, problem: result.problem });
  };
  return (
    <span class="download" data-download={props.kind ?? props.name}>
      <button type="button" disabled={state.busy} onClick={() => void save()}>
        {state.busy ? '正在生成…' : props.label}
      </button>
      {state.saved && (
        <span class="muted" role="status" data-saved={state.saved.name}>
          已下载 {state.saved.name}（{Math.max(1, Math.ceil(state.saved.bytes / 1024))} KB）
        </span>
      )}
      <ProblemNote problem={state.problem} what={props.what ?? '这份文件'} />
    </span>
  );
}
