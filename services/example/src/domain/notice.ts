// A notice on the centre's notice board (公告栏): posted, and perhaps later withdrawn (撤下).
// The example stream of the platform: small, but every part real.

export interface NoticeContact {
  /** The person to contact about the notice: personal data, never logged. */
  readonly name: string;
  readonly phone: string;
}

export type NoticeCommand =
  | {
      readonly type: 'PostNotice';
      readonly data: { readonly noticeId: string; readonly title: string; readonly body: string; readonly contact: NoticeContact; readonly postedAt: string };
    }
  | { readonly type: 'WithdrawNotice'; readonly data: { readonly noticeId: string; readonly reason: string; readonly withdrawnAt: string } };

export type NoticeEvent =
  | {
      readonly type: 'NoticePosted';
      readonly data: { readonly noticeId: string; readonly title: string; readonly body: string; readonly contact: NoticeContact; readonly postedAt: string };
    }
  | { readonly type: 'NoticeWithdrawn'; readonly data: { readonly noticeId: string; readonly reason: string; readonly withdrawnAt: string } };

interface PostedNotice {
  readonly noticeId: string;
  readonly title: string;
  readonly body: string;
  readonly contact: NoticeContact;
  readonly postedAt: string;
}

export type NoticeState =
  | { readonly status: 'unposted' }
  | ({ readonly status: 'posted' } & PostedNotice)
  | ({ readonly status: 'withdrawn'; readonly reason: string; readonly withdrawnAt: string } & PostedNotice);

/** One stream per notice. */
export const noticeStreamName = (noticeId: string) => `notice-${noticeId}`;
