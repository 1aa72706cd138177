import { access, everyone, signedIn } from '@bureau/service-kit';

/** Who may change the notice board: the people of an organisation, for their own board. */
export const NOTICE_EDITORS = access(everyone(['centre_staff', 'administrator'], 'organisation'));
/** Anyone signed in may read it: a notice is public once posted. */
export const NOTICE_READERS = signedIn('a notice is public once posted: anyone signed in reads it');
