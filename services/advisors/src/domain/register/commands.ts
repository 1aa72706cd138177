// Commands to a district's register of advisors (法律顾问名册), kept by an administrator. Imperative.
type Command<Type extends string, Data> = { readonly type: Type; readonly data: Readonly<Data> };

export type AdvisorDetails = { name: string; firm: string; licenceNumber: string; phone: string };

/** 登记: `advisorId` is chosen by the caller, so a retried registration is recorded once. */
export type RegisterAdvisor = Command<'RegisterAdvisor', { advisorId: string } & AdvisorDetails>;

/** A changed firm, phone, name or licence number: the whole new details, each change an event. */
export type ChangeAdvisorDetails = Command<'ChangeAdvisorDetails', { advisorId: string } & AdvisorDetails>;

/** 移出名册: no new appointments; the ledger keeps what the advisor logged. */
export type RemoveAdvisor = Command<'RemoveAdvisor', { advisorId: string; reason: string }>;

export type RegisterCommand = RegisterAdvisor | ChangeAdvisorDetails | RemoveAdvisor;
