/** Auth tunables, provided by the application from its validated configuration. */
export class AuthSettings {
  constructor(readonly sessionTtlMinutes: number) {}
}
