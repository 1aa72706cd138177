// The pieces every page is made of: loading a service's answer (with its problem), a field with its
// label and its error, a problem note, dates in Beijing time.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { newCommandId, type Answer, type Problem } from './api.js';
import { inPersonsTerms } from './problems.js';

export type Loaded<T> = { readonly state: 'loading' } | { readonly state: 'ok'; readonly data: T } | { readonly state: 'problem'; readonly problem: Problem };

/** Loads on mount and whenever `key` changes; `reload` asks again without blanking what is shown. */
export function useLoad<T>(load: () => Promise<Answer<T>>, key: string): { loaded: Loaded<T>; reload: () => Promise<void> } {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const latest = useRef(0);
  const run = useCallback(async () => {
    const ticket = (latest.current += 1);
    const answer = await load();
    if (ticket !== latest.current) return;
    setLoaded(answer.ok ? { state: 'ok', data: answer.body } : { state: 'problem', problem: answer.problem });
  }, [key]);
  useEffect(() => {
    setLoaded({ state: 'loading' });
    void run();
  }, [run]);
  return { loaded, reload: run };
}

/**
 * One intent of the person (sign for this order, add this note): its command id is made once, kept
 * through retries after a network error, and renewed only once the act is recorded. While it runs the
 * button is disabled, so a double click sends one request, and a second one would record nothing new.
 */
export function useIntent() {
  const [commandId, setCommandId] = useState(newCommandId);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const run = async <T,>(act: (commandId: string) => Promise<Answer<T>>): Promise<T | undefined> => {
    if (busy) return undefined;
    setBusy(true);
    setProblem(undefined);
    try {
      const answer = await act(commandId);
      if (answer.ok) {
        setCommandId(newCommandId());
        return answer.body;
      }
      setProblem(answer.problem);
      // A network error or an unavailable service may have recorded the act: the retry keeps the id.
      if (answer.problem.status !== 0 && answer.problem.status !== 503) setCommandId(newCommandId());
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { commandId, busy, problem, run, clear: () => setProblem(undefined) };
}

export function ProblemNote(props: { problem: Problem | undefined; what?: string }) {
  if (!props.problem) return null;
  return (
    <p class="problem" role="alert">
      {inPersonsTerms(props.problem, props.what)}
    </p>
  );
}

export function Field(props: { label: string; name: string; error?: string | undefined; hint?: string; children: ComponentChildren; wide?: boolean }) {
  return (
    <div class={`field${props.error ? ' has-error' : ''}${props.wide ? ' wide' : ''}`} data-field={props.name}>
      <label for={`f-${props.name}`}>{props.label}</label>
      {props.children}
      <span class={`field-note${props.error ? '' : ' hint'}`} id={`f-${props.name}-note`} aria-live="polite">
        {props.error ?? props.hint ?? ''}
      </span>
    </div>
  );
}

/** Attributes every input of a Field carries: its id, its note, and whether it is in error. */
export function inputProps(name: string, error: string | undefined) {
  return { id: `f-${name}`, name, 'aria-invalid': error ? ('true' as const) : ('false' as const), 'aria-describedby': `f-${name}-note` };
}

const beijing = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const beijingDay = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function when(iso: string | null | undefined): string {
  return iso ? beijing.format(new Date(iso)) : '—';
}
export function day(iso: string | null | undefined): string {
  return iso ? beijingDay.format(new Date(iso)) : '—';
}

/** The month (YYYY-MM) now in Beijing time. */
export function thisMonth(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
}

/** Rows reserved while a list loads, so the page does not jump when the data arrives. */
export function PlaceholderRows(props: { columns: number; rows?: number }) {
  return (
    <>
      {Array.from({ length: props.rows ?? 6 }, (_, i) => (
        <tr class="placeholder" key={i} aria-hidden="true">
          {Array.from({ length: props.columns }, (_, j) => (
            <td key={j}>
              <span class="bar" />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}

export function Loading() {
  return (
    <p class="loading" aria-busy="true">
      正在读取…
    </p>
  );
}
