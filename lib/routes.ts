export const SIGN_IN_PATH = "/admin/sign-in";
export const ADMIN_HOME_PATH = "/admin";
export const AUTH_CONFIRM_PATH = "/auth/confirm";
