// Commands to a district's lawyer registry (法律援助律师名册), kept by an administrator. Imperative.
type Command<Type extends string, Data> = { readonly type: Type; readonly data: Readonly<Data> };

/** What the registry records of a lawyer; each change is an event. */
export type LawyerDetails = {
  name: string;
  /** 律师执业证号: 17 digits. */
  licenceNumber: string;
  firmId: string;
  firmName: string;
  /** Since when the lawyer has practised in the relevant field (YYYY-MM-DD): Art. 26 counts the years from it. */
  relevantPracticeSince: string;
  /** Matter types or fields the lawyer takes (free labels, for the office's choice). */
  specialties: readonly string[];
};

/** 登记: `lawyerId` is chosen by the caller, so a retried registration is recorded once. */
export type RegisterLawyer = Command<'RegisterLawyer', { lawyerId: string } & LawyerDetails>;
/** A changed firm, licence, practice start or specialties: the whole new details. */
export type ChangeLawyerDetails = Command<'ChangeLawyerDetails', { lawyerId: string } & LawyerDetails>;
/** 停止指派: no new assignments; the files that name the lawyer keep the name. */
export type DeactivateLawyer = Command<'DeactivateLawyer', { lawyerId: string; reason: string }>;

export type LawyerRegistryCommand = RegisterLawyer | ChangeLawyerDetails | DeactivateLawyer;
