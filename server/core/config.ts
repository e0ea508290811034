/** Deployment settings read from the function's environment (cloudbaserc.json → envVariables). */
export function adminOpenids(): string[] {
  return (process.env.REDPARK_ADMIN_OPENIDS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** True only behind the local gateway; production functions never see this variable. */
export function isLocalMode(): boolean {
  return !!process.env.REDPARK_TCB_SERVICE_URL;
}
