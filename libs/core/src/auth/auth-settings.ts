/** Auth tunables, provided by the application from its validated configuration. */
export class AuthSettings {
  constructor(
    readonly sessionTtlMinutes: number,
    readonly loginMaxFailures = 10,
    readonly loginWindowMinutes = 15,
  ) {}
}
