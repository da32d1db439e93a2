/** Who is calling, as a verified token says. Roles never come from here: they come from membership records. */
export interface Identity {
  readonly subject: string;
  readonly name?: string;
  readonly email?: string;
}
