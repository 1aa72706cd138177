/** Who may change the notice board; anyone signed in may read it. */
export const NOTICE_EDITORS = ['centre_staff', 'administrator'] as const;
