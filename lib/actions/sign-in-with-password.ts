"use server";

import { redirect } from "next/navigation";
import { passwordSignInSchema } from "@/lib/schemas/auth";
import { createClient } from "@/lib/supabase/server";
import { authFailure } from "./auth-error";
import { validationFailure } from "./form-errors";
import type { ActionResult } from "./result";
import { formOf } from "./form-data";

export async function signInWithPassword(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const form = formOf(formData);
  const parsed = passwordSignInSchema.safeParse({
    email: form.get("email"),
    password: form.get("password"),
    next: form.get("next") ?? undefined,
  });
  if (!parsed.success) return validationFailure(parsed.error);

  const supabase = await createClient();
  const { error } = await supabase.auth.signInWithPassword({ email: parsed.data.email, password: parsed.data.password });
  if (error) return authFailure(error);

  redirect(parsed.data.next);
}
