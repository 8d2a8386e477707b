"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, locales } from "@/lib/i18n/settings";
import { formOf } from "./form-data";

const setLocaleSchema = z.object({ locale: z.enum(locales) });

/** Stores the chosen locale; setting a cookie in an action re-renders the current page in that locale. */
export async function setLocale(formData: FormData): Promise<void> {
  const form = formOf(formData);
  const parsed = setLocaleSchema.safeParse({ locale: form.get("locale") });
  if (!parsed.success) return;
  const cookieStore = await cookies();
  cookieStore.set(LOCALE_COOKIE, parsed.data.locale, { path: "/", maxAge: LOCALE_COOKIE_MAX_AGE, sameSite: "lax" });
}
